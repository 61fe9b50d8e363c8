import { pino } from 'pino';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import { createTelegrafWorkerMessenger } from '../../../src/adapters/telegraf/messenger.js';
import { DeliveryError } from '../../../src/app/delivery-error.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import type { UpdateIntake } from '../../../src/runtime/update-intake.js';
import { createTransport } from '../../../src/wiring/transport.js';
import { testDesk, translate as t } from '../../app/desk-fixture.js';
import { startFakeBotApi, type FakeBotApi } from '../../support/fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

const log = pino({ level: 'silent' });
let redis: Redis;
let fake: FakeBotApi;
let http: HttpServer | undefined;
let intake: UpdateIntake | undefined;
/** The webhook's update_id marks of each test, apart: the fake numbers updates from 1 every time. */
let keyPrefix = uniquePrefix('tg-transport');
beforeAll(() => {
  redis = new Redis(testRedisUrl());
});
afterAll(() => redis.quit());
afterEach(async () => {
  await intake?.stop();
  await http?.close(100);
  await fake?.close();
  intake = http = undefined;
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  keyPrefix = uniquePrefix('tg-transport');
});

async function transport(mode: 'polling' | 'webhook') {
  fake = await startFakeBotApi();
  http = createHttpServer({ log });
  const port = await http.listen(0, '127.0.0.1');
  const metrics = createMetrics({ defaultMetrics: false });
  const { desk } = await testDesk();
  const config = {
    BOT_FRAMEWORK: 'telegraf' as const,
    BOT_MODE: mode,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    WEBHOOK_SECRET: 'transport_secret',
  };
  const created = createTransport(config, { desk, logger: log, metrics, http, redis, keyPrefix });
  return { created, metrics };
}

async function scrapeUntil(metrics: ReturnType<typeof createMetrics>, text: string): Promise<string> {
  // An update counts as handled just after its reply is sent.
  for (let i = 0; i < 100; i++) {
    const scraped = await metrics.render();
    if (scraped.includes(text)) return scraped;
    await new Promise((r) => setTimeout(r, 20));
  }
  return metrics.render();
}

/** The telegraf adapter wired as main.ts runs it (BOT_FRAMEWORK=telegraf). */
describe('telegraf transport', () => {
  it.each(['polling', 'webhook'] as const)(
    'answers by %s, retrying a 429, and counts the 429 and the update',
    async (mode) => {
      const { created, metrics } = await transport(mode);
      intake = created.startIntake();
      await intake.started;
      fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
      const user = fake.user({ languageCode: 'fr' });
      fake.sendCommand(user, 'help');
      const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id, 5_000);
      expect(reply.params.text).toBe(t('fr', 'start:help'));
      const scraped = await scrapeUntil(metrics, 'desk_updates_handled_total{kind="command"} 1');
      expect(scraped).toMatch(/code="429"[^\n]* 1\n/);
      expect(scraped).toContain('desk_updates_handled_total{kind="command"} 1');
    },
  );

  it('registers the command menu for the default and each language', async () => {
    const { created } = await transport('polling');
    await created.announceCommands('en');
    expect(fake.commandsFor('')).toEqual(fake.commandsFor('en'));
    expect(JSON.stringify(fake.commandsFor('de'))).not.toEqual(JSON.stringify(fake.commandsFor('en')));
  });

  it('gives the worker a messenger that leaves retries to the queue', async () => {
    fake = await startFakeBotApi();
    const metrics = createMetrics({ defaultMetrics: false });
    const messenger = createTelegrafWorkerMessenger(fake.token, fake.apiRoot, { logger: log, metrics });
    fake.failNext('sendMessage', { status: 429, retryAfter: 5 });
    const started = Date.now();
    const error = await messenger.send(fake.user().id, { html: 'x' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ status: 429, retryAfter: 5 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.calls('sendMessage')).toHaveLength(1);
    expect(await metrics.render()).toMatch(/code="429"[^\n]* 1\n/);
  });
});
