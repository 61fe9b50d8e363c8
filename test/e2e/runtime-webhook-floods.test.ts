import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import {
  fakeUser,
  membershipChange,
  startFakeBotApi,
  textMessage,
  type FakeBotApi,
  type FakeChat,
} from '../support/fake-bot-api.js';
import { baseEnv, startMain, until, type MainProcess } from '../support/main-process.js';

const t = createTranslator();
const SECRET = 'webhook_floods_secret';
/** Ids of their own: update_id marks and rate counts of these runs live in the shared test Redis. */
const freshId = () => 3_000_000_000 + Math.floor(Math.random() * 1e9);

describe.each(frameworks())('a paced reply in webhook mode on %s', { timeout: 60_000 }, (framework) => {
  let fake: FakeBotApi;
  let child: MainProcess;
  let hook: string;

  beforeAll(async () => {
    fake = await startFakeBotApi();
    const env = await baseEnv(fake, framework);
    hook = `http://127.0.0.1:${env.HTTP_PORT}/telegram/webhook`;
    child = startMain({ ...env, BOT_MODE: 'webhook', WEBHOOK_URL: hook, WEBHOOK_SECRET: SECRET });
    await until('the webhook registered', () => fake.webhook !== null, 30_000, child);
  }, 60_000);
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    await child?.exit;
    await fake?.close();
  });

  /** POSTs an update as Telegram does, and resolves when the bot answered the call. */
  async function post(update: object): Promise<{ status: number; at: number }> {
    const response = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: freshId(), ...update }),
    });
    return { status: response.status, at: Date.now() };
  }

  it("answers Telegram before the reply's turn to be sent comes, and sends it later", async () => {
    const user = fakeUser(freshId(), { languageCode: 'en' });
    const answered: { status: number; at: number }[] = [];
    // One after another, as Telegram delivers one chat's updates: the later replies wait for the chat's pace.
    for (let i = 0; i < 8; i++) {
      answered.push(await post({ message: textMessage(user, 'What is the 1+30+N system?', i + 1) }));
    }
    expect(answered.map((a) => a.status)).toEqual(answered.map(() => 200));
    await until('every reply', () => fake.sentTo(user.id).length === 8, 20_000, child);
    const lastReply = fake
      .calls('sendMessage')
      .filter((c) => c.ok && c.params.chat_id === user.id)
      .at(-1)!;
    expect(
      lastReply.at - answered.at(-1)!.at,
      'the last reply came after its call was answered (ms)',
    ).toBeGreaterThan(1_000);
  });

  it('leaves a group it was added to, after saying so in the language of who added it', async () => {
    const group: FakeChat = { id: -1_000_000_000_000 - freshId(), type: 'supergroup', title: 'Gruppe' };
    const adder = fakeUser(freshId(), { languageCode: 'de' });
    expect((await post({ my_chat_member: membershipChange(fake.botUser, group, adder) })).status).toBe(200);
    await until('the bot leaving', () => fake.leftChats.has(group.id), 10_000, child);
    expect(fake.sentTo(group.id).map((m) => m.text)).toEqual([t('de', 'runtime:private_chats_only')]);
  });
});
