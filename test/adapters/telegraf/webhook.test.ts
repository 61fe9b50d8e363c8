import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import { createTelegrafBot } from '../../../src/adapters/telegraf/bot.js';
import { startTelegrafWebhook } from '../../../src/adapters/telegraf/webhook.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import type { UpdateIntake } from '../../../src/runtime/update-intake.js';
import { startFakeBotApi, textMessage, type FakeBotApi, type FakeUser } from '../../support/fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { testDesk, translate as t } from '../../app/desk-fixture.js';

const log = pino({ level: 'silent' });
const SECRET = 'right_secret-123';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Instance {
  http: HttpServer;
  intake: UpdateIntake;
  url: string;
  handled: number[];
}

let redis: Redis;
let fake: FakeBotApi;
let instances: Instance[] = [];
let keyPrefix: string;

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  await redis.ping();
});
afterAll(() => redis.quit());
beforeEach(async () => {
  keyPrefix = uniquePrefix('tg-webhook');
  fake = await startFakeBotApi();
});
afterEach(async () => {
  for (const i of instances) {
    await i.intake.stop();
    await i.http.close(100);
  }
  instances = [];
  await fake.close();
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
});

/** A telegraf echo bot in webhook mode behind our HTTP server, slow for "/slow". */
async function startInstance(): Promise<Instance> {
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
  const handled: number[] = [];
  bot.on(message('text'), async (ctx) => {
    handled.push(ctx.update.update_id);
    if (ctx.message.text === '/slow') await sleep(400);
    await bot.telegram.sendMessage(ctx.chat.id, `echo: ${ctx.message.text}`);
  });
  return serve(bot, handled);
}

async function serve(bot: Telegraf, handled: number[]): Promise<Instance> {
  const http = createHttpServer({ log });
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/telegram/webhook`;
  const metrics = createMetrics({ defaultMetrics: false });
  const intake = startTelegrafWebhook(bot, {
    http,
    redis,
    url,
    secret: SECRET,
    keyPrefix,
    metrics,
    log,
  });
  await intake.started;
  const instance = { http, intake, url, handled };
  instances.push(instance);
  return instance;
}

function post(instance: Instance, user: FakeUser, text: string, updateId: number, secret?: string) {
  return fetch(instance.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify({ update_id: updateId, message: textMessage(user, text, updateId) }),
  });
}

describe('webhook mode with telegraf', () => {
  it('registers WEBHOOK_URL with secret and allowed_updates, and answers what Telegram posts', async () => {
    const instance = await startInstance();
    expect(fake.webhook).toMatchObject({ url: instance.url, secretToken: SECRET });
    expect(fake.calls('setWebhook')[0]!.params.allowed_updates).toEqual([
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

  it('refuses a wrong or missing secret token with 401 and never handles the update', async () => {
    const instance = await startInstance();
    const user = fake.user();
    const wrong = await post(instance, user, 'forged', 900_001, 'wrong_secret');
    const missing = await post(instance, user, 'forged', 900_002);
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    await sleep(100);
    expect(instance.handled).toEqual([]);
    expect((await post(instance, user, 'real', 900_001, SECRET)).status).toBe(200);
    expect(instance.handled).toEqual([900_001]);
  });

  it('handles a repeated update_id once across two instances sharing Redis', async () => {
    const [a, b] = [await startInstance(), await startInstance()];
    const user = fake.user();
    const id = 700_000 + Math.floor(Math.random() * 100_000);
    const statuses = await Promise.all([
      post(a, user, 'once', id, SECRET),
      post(a, user, 'once', id, SECRET),
      post(b, user, 'once', id, SECRET),
    ]).then((rs) => rs.map((r) => r.status));
    expect(statuses).toEqual([200, 200, 200]);
    await sleep(100);
    expect([...a.handled, ...b.handled]).toEqual([id]);
    expect(fake.calls('sendMessage').filter((c) => c.params.chat_id === user.id)).toHaveLength(1);
  });

  it('on stop, finishes the update in flight and turns new ones away with 503', async () => {
    const instance = await startInstance();
    const user = fake.user();
    const inFlight = post(instance, user, '/slow', 800_101, SECRET);
    await sleep(100);
    const stopping = instance.intake.stop();
    expect((await post(instance, user, 'late', 800_102, SECRET)).status).toBe(503);
    await stopping;
    expect((await inFlight).status).toBe(200);
    expect(fake.calls('sendMessage').map((c) => c.params.text)).toEqual(['echo: /slow']);
  });

  it('runs the desk: an update posted by Telegram gets the desk HTML answer', async () => {
    const { desk } = await testDesk();
    const metrics = createMetrics({ defaultMetrics: false });
    const telegraf = createTelegrafBot({
      token: fake.token,
      apiRoot: fake.apiRoot,
      desk,
      logger: log,
      metrics,
    });
    await serve(telegraf.bot, []);
    const user = fake.user({ languageCode: 'de' });
    fake.sendCommand(user, 'help');
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
    expect(reply.params).toMatchObject({ parse_mode: 'HTML', text: t('de', 'start:help') });
  });
});
