import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, InputFile } from 'grammy';
import { parseTelegramHtml, startFakeBotApi, type FakeBotApi } from '../fake-bot-api.js';
import { callApi } from './call-api.js';

/** Telegram's rules on what the bot sends: text limits, HTML, buttons, edits, photos and forum topics. */
describe('fake Bot API: messages', () => {
  let fake: FakeBotApi;
  const call = (method: string, payload?: unknown) => callApi(fake, method, payload);

  beforeEach(async () => {
    fake = await startFakeBotApi();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends messages with increasing ids and enforces the 4096-character limit on visible text', async () => {
    const a = await call('sendMessage', { chat_id: 5, text: 'one' });
    const b = await call('sendMessage', { chat_id: 5, text: 'two' });
    expect(b.body.result.message_id).toBeGreaterThan(a.body.result.message_id);
    const long = await call('sendMessage', { chat_id: 5, text: 'x'.repeat(4097) });
    expect(long).toMatchObject({ status: 400, body: { description: 'Bad Request: message is too long' } });
    // 4096 visible characters are fine even when the HTML source is longer.
    const html = await call('sendMessage', {
      chat_id: 5,
      text: `<b>${'y'.repeat(4096)}</b>`,
      parse_mode: 'HTML',
    });
    expect(html.body.ok).toBe(true);
    expect(fake.sentTo(5).map((m) => m.visibleText.slice(0, 3))).toEqual(['one', 'two', 'yyy']);
  });

  it('refuses callback data over 64 bytes', async () => {
    const button = (data: string) => ({ inline_keyboard: [[{ text: 'x', callback_data: data }]] });
    expect(
      (await call('sendMessage', { chat_id: 5, text: 'a', reply_markup: button('é'.repeat(32)) })).status,
    ).toBe(200);
    const res = await call('sendMessage', { chat_id: 5, text: 'a', reply_markup: button('é'.repeat(33)) });
    expect(res).toMatchObject({ status: 400, body: { description: 'Bad Request: BUTTON_DATA_INVALID' } });
  });

  it('validates HTML the way Telegram does', () => {
    expect(
      parseTelegramHtml(
        '<b>bold <i>both</i></b> &lt;tag&gt; &amp; &#36; &#x1F600; <a href="https://x.y/?a=1&amp;b=2">l</a>',
      ),
    ).toBe('bold both <tag> & $ 😀 l');
    expect(
      parseTelegramHtml(
        '<blockquote>q</blockquote><tg-spoiler>s</tg-spoiler><span class="tg-spoiler">t</span>',
      ),
    ).toBe('qst');
    expect(() => parseTelegramHtml('<b>open')).toThrow(/Can't find end tag corresponding to start tag "b"/);
    expect(() => parseTelegramHtml('<b><i>x</b></i>')).toThrow(/Unmatched end tag/);
    expect(() => parseTelegramHtml('<script>x</script>')).toThrow(/Unsupported start tag "script"/);
    expect(() => parseTelegramHtml('a < b')).toThrow(/Unsupported start tag/);
    expect(() => parseTelegramHtml('R&D')).toThrow(/entity/);
    expect(() => parseTelegramHtml('&nbsp;')).toThrow(/entity/);
  });

  it("answers can't parse entities for bad HTML", async () => {
    const res = await call('sendMessage', { chat_id: 5, text: '<b>x', parse_mode: 'HTML' });
    expect(res.status).toBe(400);
    expect(res.body.description).toMatch(/^Bad Request: can't parse entities: /);
  });

  it('edits messages, refuses no-op edits and answers a callback query once', async () => {
    const sent = (await call('sendMessage', { chat_id: 5, text: 'a' })).body.result;
    const same = await call('editMessageText', { chat_id: 5, message_id: sent.message_id, text: 'a' });
    expect(same.body.description).toMatch(/message is not modified/);
    expect(
      (await call('editMessageText', { chat_id: 5, message_id: sent.message_id, text: 'b' })).body.ok,
    ).toBe(true);
    expect(fake.sentTo(5)[0]).toMatchObject({ text: 'b', edits: 1 });
    expect((await call('editMessageText', { chat_id: 5, message_id: 999, text: 'c' })).status).toBe(400);

    const tap = fake.tapButton(fake.user(), fake.sentTo(5)[0]!, 'data', 5);
    const id = tap.callback_query!.id;
    expect((await call('answerCallbackQuery', { callback_query_id: id })).body.ok).toBe(true);
    expect((await call('answerCallbackQuery', { callback_query_id: id })).status).toBe(400);
  });

  it('takes an uploaded PNG as a photo, with its size, and refuses what is not an image', async () => {
    const api = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } }).api;
    // The smallest PNG header Telegram reads: signature, then an IHDR chunk of 800 × 400.
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(800, 16);
    png.writeUInt32BE(400, 20);
    const sent = await api.sendPhoto(7, new InputFile(png, 'chart.png'), { caption: 'chart' });
    expect(sent.photo?.[0]).toMatchObject({ width: 800, height: 400, file_size: 33 });
    expect(fake.sentTo(7)[0]!.photo?.[0]?.width).toBe(800);

    await expect(api.sendPhoto(7, new InputFile(Buffer.from('not an image'), 'x.png'))).rejects.toThrow(
      'IMAGE_PROCESS_FAILED',
    );
    png.writeUInt32BE(10, 20);
    await expect(api.sendPhoto(7, new InputFile(png, 'thin.png'))).rejects.toThrow(
      'PHOTO_INVALID_DIMENSIONS',
    );
  });

  it('a deleted forum topic takes its messages along; a send into it gets "message thread not found"', async () => {
    const forum = fake.group('supergroup', 'Staff');
    fake.makeForum(forum.id);
    const topic = (await call('createForumTopic', { chat_id: forum.id, name: '#1001' })).body.result;
    const thread = topic.message_thread_id as number;
    const card = (await call('sendMessage', { chat_id: forum.id, text: 'card', message_thread_id: thread }))
      .body.result;
    fake.deleteTopic(forum.id, thread);
    expect(fake.sentTo(forum.id)).toEqual([]);
    const refused = await call('sendMessage', { chat_id: forum.id, text: 'more', message_thread_id: thread });
    expect(refused.body.description).toBe('Bad Request: message thread not found');
    const reply = { message_id: card.message_id, allow_sending_without_reply: true };
    await call('sendMessage', { chat_id: forum.id, text: 'in General', reply_parameters: reply });
    expect(fake.sentTo(forum.id)).toMatchObject([{ text: 'in General', replyTo: undefined }]);
    expect((await call('closeForumTopic', { chat_id: forum.id, message_thread_id: thread })).status).toBe(
      400,
    );
  });
});
