import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InputFile } from 'grammy';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';
import { callApi } from './fake-bot-api/call-api.js';

/**
 * The fake is what every end-to-end test trusts, so its rules get their own tests. These cover how updates
 * reach the bot (getUpdates, long polling, webhooks, allowed_updates), membership, and injected failures;
 * fake-bot-api/messages.test.ts covers the rules on the messages the bot sends.
 */
describe('fake Bot API: updates and failures', () => {
  let fake: FakeBotApi;
  const call = (method: string, payload?: unknown) => callApi(fake, method, payload);

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

  it('delivers only the update types the bot asked for', async () => {
    const user = fake.user();
    fake.changeMembership(user, fake.group());
    const text = fake.sendText(user, 'hi');
    const result = (await call('getUpdates', { allowed_updates: ['message'] })).body.result;
    expect(result.map((u: { update_id: number }) => u.update_id)).toEqual([text.update_id]);
  });
});
