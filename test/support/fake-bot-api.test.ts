import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InputFile } from 'grammy';
import { parseTelegramHtml, startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';

/** The Bot API's JSON, read loosely: each test picks the fields of `result` it checks. */
interface ApiReply {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result?: any;
  description?: string;
  parameters?: unknown;
}

/** The fake is what every end-to-end test trusts, so its rules get their own tests. */
describe('fake Bot API', () => {
  let fake: FakeBotApi;
  const call = async (method: string, payload: unknown = {}) => {
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return { status: res.status, body: (await res.json()) as ApiReply };
  };

  beforeEach(async () => {
    fake = await startFakeBotApi();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe and refuses a wrong token', async () => {
    expect((await call('getMe')).body.result.username).toBe('community_desk_test_bot');
    const res = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`);
    expect(res.status).toBe(401);
  });

  it('returns pushed updates until an offset confirms them', async () => {
    const user = fake.user({ languageCode: 'de' });
    const first = fake.sendText(user, 'hallo');
    fake.sendCommand(user, 'start');
    const all = (await call('getUpdates')).body.result;
    expect(all.map((u: { update_id: number }) => u.update_id)).toEqual([
      first.update_id,
      first.update_id + 1,
    ]);
    expect(all[1].message.entities[0]).toMatchObject({ type: 'bot_command', offset: 0, length: 6 });
    const rest = (await call('getUpdates', { offset: first.update_id + 1 })).body.result;
    expect(rest).toHaveLength(1);
    expect(fake.pendingUpdates).toHaveLength(1);
  });

  it('holds a long poll until an update arrives, and ends it after the timeout otherwise', async () => {
    const started = Date.now();
    const empty = await call('getUpdates', { timeout: 1 });
    expect(empty.body.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const held = call('getUpdates', { timeout: 10 });
    await new Promise((r) => setTimeout(r, 50));
    fake.sendText(fake.user(), 'hi');
    expect((await held).body.result).toHaveLength(1);
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

  it('injects 429, 5xx and 403 failures, then behaves again', async () => {
    fake.failNext('sendMessage', { status: 429, retryAfter: 3 });
    fake.failNext('sendMessage', { status: 500 }, 2);
    fake.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
    const limited = await call('sendMessage', { chat_id: 5, text: 'a' });
    expect(limited.status).toBe(429);
    expect(limited.body.parameters).toEqual({ retry_after: 3 });
    expect((await call('sendMessage', { chat_id: 5, text: 'a' })).status).toBe(500);
    expect((await call('sendMessage', { chat_id: 5, text: 'a' })).status).toBe(500);
    expect((await call('sendMessage', { chat_id: 5, text: 'a' })).status).toBe(403);
    expect((await call('sendMessage', { chat_id: 5, text: 'a' })).status).toBe(200);
    expect(fake.calls('sendMessage').map((c) => c.ok)).toEqual([false, false, false, false, true]);
  });

  it('serves a real grammY bot: long polling, form uploads, files, webhook conflicts', async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`<b>${ctx.message.text}</b>`, { parse_mode: 'HTML' }));
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile();
      const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
      await ctx.replyWithDocument(new InputFile(Buffer.from((await res.text()).toUpperCase()), 'back.txt'));
    });
    void bot.start({ timeout: 5 });
    const user = fake.user();
    fake.sendText(user, 'ping');
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
    expect(fake.sentTo(user.id)[0]!.visibleText).toBe('ping');

    fake.sendDocument(user, { content: 'abc', fileName: 'kb.json' });
    const upload = await fake.waitForCall('sendDocument');
    expect((upload.params.document as { content: Buffer }).content.toString()).toBe('ABC');
    await bot.stop();
    expect(fake.pendingUpdates).toHaveLength(0);

    await call('setWebhook', { url: 'https://example.invalid/hook' });
    await expect(bot.api.getUpdates()).rejects.toBeInstanceOf(GrammyError);
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

  it('posts updates to a webhook with its secret token and runs a webhook reply as a call', async () => {
    const received: { secret?: string; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string, body });
        const update = JSON.parse(body) as { message: { chat: { id: number } } };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: update.message.chat.id, text: 'pong' }));
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await call('setWebhook', { url, secret_token: 's3cret' });
    expect((await call('getWebhookInfo')).body.result.url).toBe(url);

    const user = fake.user();
    fake.sendText(user, 'ping');
    const reply = await fake.waitForCall('sendMessage');
    expect(reply.viaWebhookReply).toBe(true);
    expect(received[0]!.secret).toBe('s3cret');
    expect(fake.webhookDeliveries).toEqual([{ updateId: expect.any(Number), status: 200 }]);
    expect(fake.sentTo(user.id)[0]!.text).toBe('pong');
    hook.close();
  });

  it('tells the bot it was added to a group, and lets it leave (after which sends there fail)', async () => {
    const adder = fake.user({ languageCode: 'fr' });
    const group = fake.group('supergroup', 'Voisins');
    fake.changeMembership(adder, group);
    const [update] = (await call('getUpdates')).body.result;
    expect(update.my_chat_member).toMatchObject({
      chat: { id: group.id, type: 'supergroup' },
      from: { id: adder.id, language_code: 'fr' },
      new_chat_member: { user: { id: fake.botUser.id }, status: 'member' },
    });
    expect((await call('sendMessage', { chat_id: group.id, text: 'hello' })).status).toBe(200);
    expect((await call('leaveChat', { chat_id: group.id })).body.result).toBe(true);
    expect(fake.leftChats.has(group.id)).toBe(true);
    expect((await call('sendMessage', { chat_id: group.id, text: 'still here?' })).status).toBe(403);
    expect((await call('leaveChat', { chat_id: adder.id })).status).toBe(400);
    fake.changeMembership(adder, group, 'administrator');
    expect(fake.leftChats.has(group.id)).toBe(false);
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

  it('delivers only the update types the bot asked for', async () => {
    const user = fake.user();
    fake.changeMembership(user, fake.group());
    const text = fake.sendText(user, 'hi');
    const result = (await call('getUpdates', { allowed_updates: ['message'] })).body.result;
    expect(result.map((u: { update_id: number }) => u.update_id)).toEqual([text.update_id]);
  });
});
