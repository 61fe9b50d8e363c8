import { Bot } from 'grammy';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { metricsRoute } from '../../src/adapters/http/routes/metrics.js';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { applyApiPolicy } from '../../src/adapters/grammy/messenger.js';
import { startWebhook } from '../../src/adapters/grammy/webhook.js';
import { createMetrics } from '../../src/observability/metrics.js';
import type { UpdateIntake } from '../../src/runtime/update-intake.js';
import { startFakeBotApi, textMessage, type FakeBotApi, type FakeUpdate } from '../support/fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const log = pino({ level: 'silent' });
const SECRET = 'right_secret-123';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Instance {
  bot: Bot;
  http: HttpServer;
  intake: UpdateIntake;
  url: string;
  handled: number[];
  metrics: ReturnType<typeof createMetrics>;
}

let redis: Redis;
let fake: FakeBotApi;
let instances: Instance[] = [];
// The fake numbers updates from 1 in every test; Telegram never reuses an update_id, so each test gets its
// own marks.
let keyPrefix: string;

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  await redis.ping();
});
afterAll(() => redis.quit());
beforeEach(() => {
  keyPrefix = uniquePrefix('webhook');
});
afterEach(async () => {
  for (const i of instances) {
    await i.intake.stop();
    await i.http.close(100);
  }
  instances = [];
  await fake?.close();
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
});

/**
 * One bot instance in webhook mode: a grammY echo bot behind our HTTP server, with a slow path for "/slow".
 */
async function startInstance(opts: { replyWithinMs?: number } = {}): Promise<Instance> {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  const metrics = createMetrics({ defaultMetrics: false });
  applyApiPolicy(bot.api, { log, metrics });
  const handled: number[] = [];
  bot.on('message:text', async (ctx) => {
    handled.push(ctx.update.update_id);
    if (ctx.message.text === '/slow') await sleep(400);
    await ctx.reply(`echo: ${ctx.message.text}`);
  });
  const http = createHttpServer({ log });
  http.mount(metricsRoute(metrics));
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/telegram/webhook`;
  const intake = startWebhook(bot, {
    http,
    redis,
    url,
    secret: SECRET,
    keyPrefix,
    metrics,
    log,
    ...(opts.replyWithinMs ? { replyWithinMs: opts.replyWithinMs } : {}),
  });
  await intake.started;
  const instance = { bot, http, intake, url, handled, metrics };
  instances.push(instance);
  return instance;
}

/** POSTs an update straight to an instance, as Telegram (or someone pretending to be it) would. */
function post(instance: Instance, update: object, secret?: string): Promise<Response> {
  return fetch(instance.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(update),
  });
}

function update(user: ReturnType<FakeBotApi['user']>, text: string, updateId: number): FakeUpdate {
  return { update_id: updateId, message: textMessage(user, text, updateId) };
}

describe('webhook mode', () => {
  it('registers WEBHOOK_URL with secret and allowed_updates, and answers what Telegram posts', async () => {
    fake = await startFakeBotApi();
    const instance = await startInstance();
    expect(fake.webhook).toMatchObject({ url: instance.url, secretToken: SECRET });
    const setWebhook = fake.calls('setWebhook')[0]!;
    expect(setWebhook.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'callback_query',
      'my_chat_member',
    ]);

    const user = fake.user();
    const sent = fake.sendText(user, 'hello');
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
    expect(reply.params.text).toBe('echo: hello');
    await sleep(50);
    expect(fake.webhookDeliveries).toContainEqual({ updateId: sent.update_id, status: 200 });
  });

  it('refuses a request with a wrong or missing secret token with 401 and never handles it', async () => {
    fake = await startFakeBotApi();
    const instance = await startInstance();
    const user = fake.user();
    const wrong = await post(instance, update(user, 'forged', 900_001), 'wrong_secret');
    const missing = await post(instance, update(user, 'forged', 900_002));
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual({ error: 'unauthorized' });
    await sleep(100);
    expect(instance.handled).toEqual([]);
    expect(fake.calls('sendMessage')).toHaveLength(0);
    // And the update can still be delivered properly afterwards: the refusal left no mark.
    expect((await post(instance, update(user, 'real', 900_001), SECRET)).status).toBe(200);
    expect(instance.handled).toEqual([900_001]);
  });

  it('handles a repeated update_id once, on one instance or across two sharing Redis', async () => {
    fake = await startFakeBotApi();
    const [a, b] = [await startInstance(), await startInstance()];
    const user = fake.user();
    const id = 700_000 + Math.floor(Math.random() * 100_000);
    const statuses = await Promise.all([
      post(a, update(user, 'once', id), SECRET),
      post(a, update(user, 'once', id), SECRET),
      post(b, update(user, 'once', id), SECRET),
    ]).then((rs) => rs.map((r) => r.status));
    expect(statuses).toEqual([200, 200, 200]);
    expect((await post(b, update(user, 'once', id), SECRET)).status).toBe(200);
    await sleep(100);
    expect([...a.handled, ...b.handled]).toEqual([id]);
    expect(fake.calls('sendMessage').filter((c) => c.params.chat_id === user.id)).toHaveLength(1);
    const scraped = (await (await fetch(a.url.replace('/telegram/webhook', '/metrics'))).text()) + '\n';
    expect(scraped).toMatch(/desk_webhook_requests_total\{result="duplicate"\} [12]\n/);
    // The mark that made the others duplicates is kept with the desk's keys, per bot.
    expect(await redis.keys(`${keyPrefix}:webhook:${fake.botUser.id}:${id}`)).toHaveLength(1);
  });

  it('answers Telegram in time while a slow update finishes in the background', async () => {
    fake = await startFakeBotApi();
    const instance = await startInstance({ replyWithinMs: 100 });
    const user = fake.user();
    const started = Date.now();
    const res = await post(instance, update(user, '/slow', 800_001), SECRET);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(350);
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id, 2_000, {
      since: 0,
    });
    expect(reply.params.text).toBe('echo: /slow');
  });

  it('on stop, finishes the update in flight and turns new ones away with 503 (redelivered)', async () => {
    fake = await startFakeBotApi();
    const instance = await startInstance();
    const user = fake.user();
    const inFlight = post(instance, update(user, '/slow', 800_101), SECRET);
    await sleep(100);
    const stopping = instance.intake.stop();
    const late = await post(instance, update(user, 'late', 800_102), SECRET);
    expect(late.status).toBe(503);
    await stopping;
    expect((await inFlight).status).toBe(200);
    expect(fake.calls('sendMessage').map((c) => c.params.text)).toEqual(['echo: /slow']);
  });
});
