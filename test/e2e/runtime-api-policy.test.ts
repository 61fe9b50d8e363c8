import { Bot, GrammyError } from 'grammy';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { applyApiPolicy } from '../../src/adapters/grammy/messenger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';

const log = pino({ level: 'silent' });
let fake: FakeBotApi;
afterEach(() => fake?.close());

async function botWithPolicy(
  opts: Parameters<typeof applyApiPolicy>[1] extends infer O ? Partial<O> : never = {},
) {
  fake = await startFakeBotApi();
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  const metrics = createMetrics({ defaultMetrics: false });
  applyApiPolicy(bot.api, { log, metrics, ...opts });
  return { bot, metrics, user: fake.user() };
}

const errorCount = async (metrics: ReturnType<typeof createMetrics>, code: string) => {
  const line = (await metrics.render()).split('\n').find((l) => l.includes(`code="${code}"`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('outgoing call policy', () => {
  it('waits retry_after on a 429 and then delivers, counting the 429', async () => {
    const { bot, metrics, user } = await botWithPolicy();
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await bot.api.sendMessage(user.id, 'hello');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.sentTo(user.id).map((m) => m.text)).toEqual(['hello']);
    expect(await errorCount(metrics, '429')).toBe(1);
  });

  it('gives up on a 429 that asks to wait longer than the cap', async () => {
    const { bot, user } = await botWithPolicy({ maxDelaySeconds: 5 });
    fake.failNext('sendMessage', { status: 429, retryAfter: 60 });
    const started = Date.now();
    await expect(bot.api.sendMessage(user.id, 'hello')).rejects.toBeInstanceOf(GrammyError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries 5xx a capped number of times, then fails', async () => {
    const { bot, metrics, user } = await botWithPolicy({ maxRetryAttempts: 1 });
    fake.failNext('sendMessage', { status: 502 }, 5);
    await expect(bot.api.sendMessage(user.id, 'x')).rejects.toMatchObject({ error_code: 502 });
    expect(fake.calls('sendMessage')).toHaveLength(2);
    expect(await errorCount(metrics, '502')).toBe(2);
  }, 15_000);

  it('does not retry when retries are left to the queue, but still counts', async () => {
    const { bot, metrics, user } = await botWithPolicy({ retry: false });
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await expect(bot.api.sendMessage(user.id, 'x')).rejects.toMatchObject({ error_code: 429 });
    expect(await errorCount(metrics, '429')).toBe(1);
  });

  it('paces messages to one chat without delaying other calls', async () => {
    const { bot, user } = await botWithPolicy({ pacing: { privatePerSecond: 10, burst: 1 } });
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => bot.api.sendMessage(user.id, `m${n}`)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    const other = Date.now();
    await bot.api.getMe();
    expect(Date.now() - other).toBeLessThan(100);
  });
});
