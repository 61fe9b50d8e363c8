import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { startBotHarness, type BotFramework, type BotHarness } from './bot-harness.js';

const t = createTranslator();

/**
 * Registers, in the calling describe, what every framework adapter adds around the desk (Telegram's shapes in,
 * Bot API calls out), over a bot harness on that framework. Returns the harness, for the framework's own tests.
 */
export function adapterScenarios(framework: BotFramework): () => BotHarness {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ framework });
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

  it('turns a document into the desk document input', async () => {
    const user = h.user({ languageCode: 'fr' });
    const { reply } = await h.exchange(
      () => h.fake.sendDocument(user, { content: '{}', fileName: 'kb.json' }),
      user.id,
    );
    expect(reply.text).toBe(t('fr', 'errors:document_not_understood'));
  });

  it('logs each update with its update_id and chat type, and never the question text at info level', async () => {
    const question = 'Where is the laser equipment community located?';
    const { update } = await h.say(h.user(), question);
    const records = h.logs.filter((l) => l.update_id === update.update_id);
    expect(records.some((l) => l.chat_type === 'private' && l.msg === 'update handled')).toBe(true);
    const infoAndAbove = records.filter((l) => (l.level as number) >= 30);
    expect(JSON.stringify(infoAndAbove)).not.toContain('laser equipment community located');
  });

  it('ignores updates the desk has no use for, such as a message without text (a sticker)', async () => {
    const user = h.user();
    const sent = h.fake.sendText(user, 'first');
    await h.handled(sent.update_id);
    // Telegram sends only the update types the bot asks for; among those, a sticker is still a message.
    const { text: _text, ...sticker } = sent.message!;
    const other = h.fake.pushUpdate({ message: { ...sticker, message_id: sent.message!.message_id + 1 } });
    await h.handled(other.update_id);
    expect(h.fake.calls('sendMessage').filter((c) => c.params.chat_id === user.id)).toHaveLength(1);
  });
  return () => h;
}
