import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRedisRateCounter } from '../../../src/adapters/redis/rate-limit.js';
import {
  createUpdateAdmission,
  type ArrivingUpdate,
  type UpdateAdmissionDeps,
} from '../../../src/app/admission/update-admission.js';
import { createEarlyDecisions } from '../../../src/app/rate-limit/early-decisions.js';
import { createRateLimitGuard } from '../../../src/app/rate-limit/rate-limit-guard.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { createUpdateDedupe } from '../../../src/runtime/update-dedupe.js';
import { uniquePrefix, useTestRedis } from '../../support/redis.js';

const BOT = 'desk_bot';
const STAFF = -100_777;
const translate = createTranslator();
let redis: Redis;
let prefix: string;
useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });
beforeEach(() => {
  prefix = uniquePrefix('admission');
});

function admission(over: Partial<UpdateAdmissionDeps> = {}) {
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const early = createEarlyDecisions();
  const farewells = createUpdateDedupe({
    redis,
    prefix: `${prefix}:farewell`,
    log,
    processingTtlSeconds: 60,
  });
  const gate = createUpdateAdmission({
    staffChatId: STAFF,
    rateLimit: createRateLimitGuard({
      counter: createRedisRateCounter({ redis, prefix: `${prefix}:rate` }),
      limit: 2,
      log,
    }),
    early,
    farewells: { first: (chatId) => farewells.claim(chatId) },
    translate,
    defaultLanguage: 'en',
    log,
    ...over,
  });
  return { admit: (u: ArrivingUpdate) => gate.admit(u, BOT), early, logs };
}

let nextId = 1;
const person = (id: number, languageCode?: string) => ({
  id,
  first_name: 'Ada',
  ...(languageCode ? { language_code: languageCode } : {}),
});
type Chat = { id: number; type: 'private' | 'group' | 'supergroup' | 'channel' };
const privateChat = (id: number): Chat => ({ id, type: 'private' });
const supergroup = (id: number): Chat => ({ id, type: 'supergroup' });

function message(
  from: ReturnType<typeof person>,
  chat: Chat,
  text?: string,
  extra: object = {},
): ArrivingUpdate {
  const command = text?.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: 5 }] } : {};
  return {
    update_id: nextId++,
    message: {
      message_id: nextId,
      chat,
      from,
      ...(text === undefined ? {} : { text }),
      ...command,
      ...extra,
    },
  };
}
const tap = (from: ReturnType<typeof person>, chat: Chat): ArrivingUpdate => ({
  update_id: nextId++,
  callback_query: { id: `q${nextId}`, from, data: '1:x', message: { message_id: 1, chat } },
});
const membership = (from: ReturnType<typeof person>, chat: Chat, status: string): ArrivingUpdate => ({
  update_id: nextId++,
  my_chat_member: { chat, from, new_chat_member: { status } },
});

describe('update admission', () => {
  it('handles a private chat up to the limit, keeps the notice for the desk, then drops', async () => {
    const { admit, early } = admission();
    const ada = person(1);
    const updates = Array.from({ length: 4 }, () => message(ada, privateChat(1), 'laser'));
    const verdicts = [];
    for (const u of updates) verdicts.push((await admit(u)).action);
    expect(verdicts).toEqual(['handle', 'handle', 'handle', 'drop']);
    expect(updates.map((u) => early.take(u.update_id))).toEqual(['allow', 'allow', 'notify', undefined]);
  });

  it('never limits the staff chat', async () => {
    const { admit, early } = admission();
    for (let i = 0; i < 5; i++) {
      const update = message(person(2), supergroup(STAFF), '/help');
      expect(await admit(update)).toEqual({ action: 'handle' });
      expect(early.take(update.update_id)).toBe('allow');
    }
  });

  it('counts taps apart, and stops the spinner of a tap it drops', async () => {
    const { admit } = admission();
    const ada = person(3);
    for (let i = 0; i < 2; i++) await admit(message(ada, privateChat(3), 'laser'));
    const verdicts = [];
    for (let i = 0; i < 8; i++) verdicts.push(await admit(tap(ada, privateChat(3))));
    expect(verdicts.slice(0, 7).every((v) => v.action === 'handle')).toBe(true);
    expect(verdicts[7]).toMatchObject({ action: 'drop', callbackQueryId: expect.any(String) });
  });

  it('drops what the desk would not handle without counting it', async () => {
    const { admit } = admission();
    const ada = person(4);
    for (let i = 0; i < 5; i++) expect(await admit(message(ada, privateChat(4)))).toEqual({ action: 'drop' });
    expect(await admit(membership(ada, privateChat(4), 'kicked'))).toEqual({ action: 'drop' });
    expect((await admit(message(ada, privateChat(4), 'laser'))).action).toBe('handle');
  });

  it('in a group it does not serve, says so once in the sender language and leaves', async () => {
    const { admit, logs } = admission();
    const group = supergroup(-100_001);
    const first = await admit(message(person(5, 'de-AT'), group, '/help'));
    expect(first).toEqual({
      action: 'leave',
      chatId: group.id,
      html: translate('de', 'runtime:private_chats_only'),
    });
    for (let i = 0; i < 3; i++)
      expect(await admit(message(person(6), group, '/help'))).toEqual({ action: 'drop' });
    expect(JSON.stringify(logs)).not.toContain('/help');
  });

  it('added to a group or a channel, answers in the language of who added it; removed, does nothing', async () => {
    const { admit } = admission();
    expect(await admit(membership(person(7, 'fr-CA'), supergroup(-100_002), 'member'))).toMatchObject({
      action: 'leave',
      html: translate('fr', 'runtime:private_chats_only'),
    });
    const channel: Chat = { id: -100_003, type: 'channel' };
    expect(await admit(membership(person(8, 'zh-hans'), channel, 'administrator'))).toMatchObject({
      action: 'leave',
      html: translate('zh', 'runtime:private_chats_only'),
    });
    expect(await admit(membership(person(7), supergroup(-100_004), 'left'))).toEqual({ action: 'drop' });
    // Added again soon after: leaves again, without saying it twice.
    expect(await admit(membership(person(7), supergroup(-100_002), 'member'))).toEqual({
      action: 'leave',
      chatId: -100_002,
    });
  });

  it('serves no group at all without a staff chat', async () => {
    const { admit } = admission({ staffChatId: undefined });
    expect((await admit(message(person(9), supergroup(STAFF), '/help'))).action).toBe('leave');
  });

  it('keeps serving the staff chat when it becomes a supergroup, and says what to configure', async () => {
    const { admit, logs } = admission();
    const upgraded = supergroup(-100_999_888);
    await admit(message(person(10), supergroup(STAFF), undefined, { migrate_to_chat_id: upgraded.id }));
    expect(await admit(message(person(10), upgraded, '/help'))).toEqual({ action: 'handle' });
    expect(logs.find((l) => l.level === 50)).toMatchObject({ newChatId: upgraded.id });
  });
});
