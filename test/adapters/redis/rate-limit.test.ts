import { Redis } from 'ioredis';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createRedisRateCounter } from '../../../src/adapters/redis/rate-limit.js';
import {
  createRateLimitGuard,
  rateLimitDeskGuard,
  type RateLimitDecision,
} from '../../../src/app/rate-limit/rate-limit-guard.js';
import type { DeskInput } from '../../../src/app/desk-input.js';
import { createEarlyDecisions } from '../../../src/app/rate-limit/early-decisions.js';
import type { DeskContext } from '../../../src/app/feature.js';
import { LANGUAGES, type Language } from '../../../src/core/language/languages.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import type { Sender } from '../../../src/app/types.js';
import { testRedisUrl, uniquePrefix, useTestRedis } from '../../support/redis.js';
import { startRedisServer } from '../../support/redis-server.js';

const log = pino({ level: 'silent' });
const sender = (userId: number): { sender: Sender } => ({
  sender: { channel: 'telegram', userId, chatId: userId, chatType: 'private' },
});
let redis: Redis;
let prefix: string;

useTestRedis({ connected: (r) => (redis = r), prefix: () => prefix });

function guard(opts: { limit?: number; tapLimit?: number; windowMs?: number; client?: Redis } = {}) {
  prefix = prefix ?? uniquePrefix('rate');
  const counter = createRedisRateCounter({
    redis: opts.client ?? redis,
    prefix,
    windowMs: opts.windowMs ?? 60_000,
  });
  return createRateLimitGuard({ counter, limit: opts.limit ?? 20, tapLimit: opts.tapLimit, log });
}

async function send(
  check: ReturnType<typeof guard>,
  userId: number,
  times: number,
): Promise<RateLimitDecision[]> {
  const out: RateLimitDecision[] = [];
  for (let i = 0; i < times; i++) out.push(await check(sender(userId)));
  return out;
}

describe('per-user rate limit in Redis', () => {
  it('allows 20 messages a minute, tells the user once on the 21st, then drops', async () => {
    prefix = uniquePrefix('rate');
    const decisions = await send(guard(), 1, 25);
    expect(decisions.slice(0, 20).every((d) => d === 'allow')).toBe(true);
    expect(decisions[20]).toBe('notify');
    expect(decisions.slice(21)).toEqual(['drop', 'drop', 'drop', 'drop']);
    // Another user is not affected.
    expect(await send(guard(), 2, 1)).toEqual(['allow']);
    // The window lives in Redis with its TTL: the key expires by itself.
    const ttl = await redis.pttl(`${prefix}:user:1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('gives button taps their own count, three times the messages, apart from the messages', async () => {
    prefix = uniquePrefix('rate');
    const check = guard({ limit: 2 });
    const taps = [];
    for (let i = 0; i < 8; i++) taps.push(await check({ ...sender(8), kind: 'callback' }));
    expect(taps).toEqual(['allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'notify', 'drop']);
    expect(await send(check, 8, 3)).toEqual(['allow', 'allow', 'notify']);
  });

  it('holds across instances: two bots sharing Redis tell the user exactly once between them', async () => {
    prefix = uniquePrefix('rate');
    const other = new Redis(testRedisUrl());
    await other.ping();
    try {
      const a = guard({ limit: 5 });
      const b = guard({ limit: 5, client: other });
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b)(sender(7))));
      expect(decisions.filter((d) => d === 'allow')).toHaveLength(5);
      expect(decisions.filter((d) => d === 'notify')).toHaveLength(1);
      expect(decisions.filter((d) => d === 'drop')).toHaveLength(6);
    } finally {
      await other.quit();
    }
  });

  it('resets when the window passes: the user is served again (and can be told again)', async () => {
    prefix = uniquePrefix('rate');
    const check = guard({ limit: 2, windowMs: 400 });
    expect(await send(check, 3, 4)).toEqual(['allow', 'allow', 'notify', 'drop']);
    await new Promise((r) => setTimeout(r, 500));
    expect(await send(check, 3, 3)).toEqual(['allow', 'allow', 'notify']);
  });

  it('repairs a counter that lost its TTL instead of blocking the user for good', async () => {
    prefix = uniquePrefix('rate');
    await redis.set(`${prefix}:user:4`, '100');
    expect(await send(guard(), 4, 1)).toEqual(['drop']);
    expect(await redis.pttl(`${prefix}:user:4`)).toBeGreaterThan(0);
  });

  it('fails open when Redis is down: every message is allowed, quickly', async () => {
    prefix = uniquePrefix('rate');
    const server = await startRedisServer();
    const client = new Redis(server.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
    client.on('error', () => {});
    await client.ping();
    try {
      const check = guard({ limit: 1, client });
      expect(await send(check, 5, 2)).toEqual(['allow', 'notify']);
      await server.stop();
      const started = Date.now();
      expect(await send(check, 5, 3)).toEqual(['allow', 'allow', 'allow']);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      client.disconnect();
      await server.dispose();
    }
  });
});

describe('the rate limit as a desk guard', () => {
  const translate = createTranslator();
  const input = (userId: number, chatType: Sender['chatType'], kind: 'text' | 'callback' = 'text') =>
    ({
      kind,
      updateId: 1,
      sender: { userId, chatId: chatType === 'private' ? userId : -100, chatType },
      ...(kind === 'text'
        ? { text: { text: 'hi', messageId: 1 } }
        : { callback: { data: 'x', messageId: 1 } }),
    }) as DeskInput;
  const ctx = async (lang: Language, i: DeskInput) =>
    ({ sender: i.sender, lang, t: (key: string) => translate(lang, key) }) as unknown as DeskContext;

  it('tells the user once in their own language, then answers nothing', async () => {
    prefix = uniquePrefix('rate');
    const deskGuard = rateLimitDeskGuard(guard({ limit: 1 }));
    const notices = new Set<string>();
    for (const [i, lang] of LANGUAGES.entries()) {
      const userId = 100 + i;
      const msg = input(userId, 'private');
      expect(await deskGuard(msg, ctx(lang, msg))).toBeNull();
      const told = await deskGuard(msg, ctx(lang, msg));
      const html = told?.replies?.[0]?.html ?? '';
      expect(html.length).toBeGreaterThan(20);
      expect(html).not.toContain('rate_limited');
      notices.add(html);
      expect(await deskGuard(msg, ctx(lang, msg))).toEqual({});
    }
    expect(notices.size).toBe(4);
    expect([...notices].find((n) => /[\u4e00-\u9fff]/.test(n))).toBeDefined();
  });

  it('answers a button tap over the limit with an alert, and never limits the staff chat', async () => {
    prefix = uniquePrefix('rate');
    const deskGuard = rateLimitDeskGuard(guard({ limit: 0, tapLimit: 0 }), { staffChatId: -100 });
    const tap = input(200, 'private', 'callback');
    expect((await deskGuard(tap, ctx('de', tap)))?.toast?.alert).toBe(true);
    const staff = input(201, 'supergroup');
    for (let i = 0; i < 3; i++) expect(await deskGuard(staff, ctx('en', staff))).toBeNull();
  });

  it('limits a user in any other group as in private', async () => {
    prefix = uniquePrefix('rate');
    const deskGuard = rateLimitDeskGuard(guard({ limit: 1 }), { staffChatId: -999 });
    const inPrivate = input(202, 'private');
    const inGroup = input(202, 'supergroup');
    expect(await deskGuard(inPrivate, ctx('en', inPrivate))).toBeNull();
    expect((await deskGuard(inGroup, ctx('en', inGroup)))?.replies).toHaveLength(1);
    expect(await deskGuard(inGroup, ctx('en', inGroup))).toEqual({});
  });

  it('does not count again an update whose decision was taken when it arrived', async () => {
    prefix = uniquePrefix('rate');
    const early = createEarlyDecisions();
    const deskGuard = rateLimitDeskGuard(guard({ limit: 1 }), { early });
    const msg = input(203, 'private');
    early.remember(msg.updateId, 'notify');
    expect((await deskGuard(msg, ctx('en', msg)))?.replies).toHaveLength(1);
    // Taken once: the same update is counted now (the first of this user's window, so allowed).
    expect(await deskGuard(msg, ctx('en', msg))).toBeNull();
    expect(await redis.get(`${prefix}:user:203`)).toBe('1');
  });
});
