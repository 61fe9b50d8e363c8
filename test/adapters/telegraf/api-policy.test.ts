import { pino } from 'pino';
import { Telegram, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { applyTelegrafApiPolicy } from '../../../src/adapters/telegraf/messenger.js';
import type { ApiPolicyOptions } from '../../../src/runtime/api-call-policy.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { startFakeBotApi, type FakeBotApi } from '../../support/fake-bot-api.js';

const log = pino({ level: 'silent' });
let fake: FakeBotApi;
afterEach(() => fake?.close());

async function telegramWithPolicy(opts: Partial<ApiPolicyOptions> = {}) {
  fake = await startFakeBotApi();
  const telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot, webhookReply: false });
  const metrics = createMetrics({ defaultMetrics: false });
  applyTelegrafApiPolicy(telegram, { log, metrics, ...opts });
  return { telegram, metrics, user: fake.user() };
}

const errorCount = async (metrics: ReturnType<typeof createMetrics>, code: string) => {
  const line = (await metrics.render()).split('\n').find((l) => l.includes(`code="${code}"`));
  return line ? Number(line.split(' ').pop()) : 0;
};

/** The outgoing call policy on telegraf's client: the same behaviour as the grammY adapter's. */
describe('telegraf outgoing call policy', () => {
  it('waits retry_after on a 429 and then delivers, counting the 429', async () => {
    const { telegram, metrics, user } = await telegramWithPolicy();
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    await telegram.sendMessage(user.id, 'hello');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.sentTo(user.id).map((m) => m.text)).toEqual(['hello']);
    expect(await errorCount(metrics, '429')).toBe(1);
  });

  it('gives up on a 429 that asks to wait longer than the cap', async () => {
    const { telegram, user } = await telegramWithPolicy({ maxDelaySeconds: 5 });
    fake.failNext('sendMessage', { status: 429, retryAfter: 60 });
    const started = Date.now();
    await expect(telegram.sendMessage(user.id, 'hello')).rejects.toBeInstanceOf(TelegramError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries 5xx a capped number of times, then fails', async () => {
    const { telegram, metrics, user } = await telegramWithPolicy({ maxRetryAttempts: 1 });
    fake.failNext('sendMessage', { status: 502 }, 5);
    await expect(telegram.sendMessage(user.id, 'x')).rejects.toMatchObject({ code: 502 });
    expect(fake.calls('sendMessage')).toHaveLength(2);
    expect(await errorCount(metrics, '502')).toBe(2);
  });

  it('does not retry a network failure (the message may have arrived), but counts it', async () => {
    const { telegram, metrics, user } = await telegramWithPolicy();
    fake.failNext('sendMessage', { network: true });
    await expect(telegram.sendMessage(user.id, 'x')).rejects.toMatchObject({ name: 'FetchError' });
    expect(fake.calls('sendMessage')).toHaveLength(1);
    expect(await errorCount(metrics, 'network')).toBe(1);
  });

  it('does not retry when retries are left to the queue, but still counts', async () => {
    const { telegram, metrics, user } = await telegramWithPolicy({ retry: false });
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await expect(telegram.sendMessage(user.id, 'x')).rejects.toMatchObject({ code: 429 });
    expect(await errorCount(metrics, '429')).toBe(1);
  });

  it('paces messages to one chat without delaying other calls', async () => {
    const { telegram, user } = await telegramWithPolicy({ pacing: { privatePerSecond: 10, burst: 1 } });
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => telegram.sendMessage(user.id, `m${n}`)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    const other = Date.now();
    await telegram.getMe();
    expect(Date.now() - other).toBeLessThan(100);
  });
});
