import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTelegrafBot } from '../../../src/adapters/telegraf/create-bot.js';
import { startTelegrafPolling, type UpdateIntake } from '../../../src/adapters/telegraf/run-polling.js';
import type { Desk } from '../../../src/app/desk.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { startBotHarness, type BotHarness } from '../../support/bot-harness.js';
import { startFakeBotApi, type FakeBotApi } from '../../support/fake-bot-api.js';

const t = createTranslator();

/** What the telegraf adapter adds around the desk: Telegram's shapes in, Bot API calls out. */
describe('telegraf adapter', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ framework: 'telegraf' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('sends HTML with inline keyboards and without link previews', async () => {
    const { calls } = await h.command(h.user(), 'start');
    const send = calls.find((c) => c.method === 'sendMessage')!;
    expect(send.params).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(send.params.reply_markup).toMatchObject({
      inline_keyboard: [
        [{ callback_data: '1:bl' }, {}],
        [{}, {}],
      ],
    });
  });

  it('answers every tap exactly once, and a repeated tap that changes nothing sends nothing new', async () => {
    const user = h.user();
    const list = await h.command(user, 'communities');
    const next = list.reply.buttons.flat().find((b) => b.data?.startsWith('1:bp:'))!;
    await h.tap(user, list.reply, next.data!);
    const again = await h.tap(user, list.reply, next.data!);
    expect(again.calls.map((c) => [c.method, c.ok])).toEqual([
      ['answerCallbackQuery', true],
      ['editMessageText', false],
    ]);
    expect(again.sent).toEqual([]);
  });

  it('answers a tap on a button it cannot route and carries the toast', async () => {
    const user = h.user({ languageCode: 'zh' });
    const { reply } = await h.command(user, 'help');
    const tapped = await h.tap(user, reply, 'nonsense');
    expect(tapped.toast).toEqual({ text: t('zh', 'errors:stale_button'), alert: undefined });
  });

  it('sends a failed edit as a new message', async () => {
    const user = h.user();
    const list = await h.command(user, 'communities');
    const next = list.reply.buttons.flat().find((b) => b.data?.startsWith('1:bp:'))!;
    h.fake.failNext('editMessageText', { status: 400, description: "Bad Request: message can't be edited" });
    const tapped = await h.tap(user, list.reply, next.data!);
    expect(tapped.sent).toHaveLength(1);
    expect(tapped.sent[0]!.buttons.flat().length).toBeGreaterThan(1);
  });

  it('turns a document into the desk document input', async () => {
    const user = h.user({ languageCode: 'fr' });
    const { reply } = await h.exchange(
      () => h.fake.sendDocument(user, { content: '{}', fileName: 'kb.json' }),
      user.id,
    );
    expect(reply.text).toBe(t('fr', 'errors:document_not_understood'));
  });

  it('routes a reply (a staff answer) with the id of the message it answers', async () => {
    const user = h.user();
    const { reply } = await h.command(user, 'help');
    const seen: unknown[] = [];
    const handle = h.desk.handle;
    h.desk.handle = async (input) => (seen.push(input), handle(input));
    try {
      await h.say(user, 'laser?', { replyTo: h.fake.messageInChat(user.id, reply.messageId)! });
    } finally {
      h.desk.handle = handle;
    }
    expect(seen).toMatchObject([
      { kind: 'text', text: { text: 'laser?', replyToMessageId: reply.messageId } },
    ]);
  });

  it('logs each update with its update_id and chat type, and never the question text at info level', async () => {
    const question = 'Where is the laser equipment community located?';
    const { update } = await h.say(h.user(), question);
    const records = h.logs.filter((l) => l.update_id === update.update_id);
    expect(records.some((l) => l.chat_type === 'private' && l.msg === 'update handled')).toBe(true);
    const infoAndAbove = records.filter((l) => (l.level as number) >= 30);
    expect(JSON.stringify(infoAndAbove)).not.toContain('laser equipment community located');
  });

  it('ignores updates the desk has no use for, such as edited messages', async () => {
    const user = h.user();
    const sent = h.fake.sendText(user, 'first');
    await h.handled(sent.update_id);
    const edit = h.fake.pushUpdate({ edited_message: { ...sent.message!, text: 'edited' } });
    await h.handled(edit.update_id);
    expect(h.fake.calls('sendMessage').filter((c) => c.params.chat_id === user.id)).toHaveLength(1);
  });
});

describe('telegraf adapter, last-resort error boundary', () => {
  let fake: FakeBotApi;
  let intake: UpdateIntake | undefined;
  afterEach(async () => {
    await intake?.stop();
    await fake?.close();
  });

  it('logs an update that fails outside the desk and keeps polling', async () => {
    fake = await startFakeBotApi();
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    let calls = 0;
    // The desk promises never to throw; this one breaks that promise once, as an adapter bug would.
    const desk: Desk = {
      handle: async () => {
        if (++calls === 1) throw new Error('bug outside the desk');
        return { replies: [{ html: 'still here' }] };
      },
      commandMenu: () => [],
    };
    const telegraf = createTelegrafBot({ token: fake.token, apiRoot: fake.apiRoot, desk, logger });
    intake = startTelegrafPolling(telegraf.bot, logger, { timeoutSeconds: 1 });
    await intake.started;
    const user = fake.user();
    const first = fake.sendText(user, 'one');
    fake.sendText(user, 'two');
    const reply = await fake.waitForCall('sendMessage', () => true, 5_000, { since: 0 });
    expect(reply.params.text).toBe('still here');
    expect(logs).toContainEqual(
      expect.objectContaining({ update_id: first.update_id, msg: 'update failed outside the desk' }),
    );
  });
});
