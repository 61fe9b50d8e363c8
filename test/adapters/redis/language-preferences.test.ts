import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Redis } from 'ioredis';
import { connectInBackground, createRedisConnection } from '../../../src/adapters/redis/connection.js';
import { createRedisLanguagePreferences } from '../../../src/adapters/redis/language-preferences.js';
import { closeRedis } from '../../../src/runtime/close-redis.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';

const log = pino({ level: 'silent' });
const opened: Redis[] = [];
let server: RedisServerHandle | undefined;

async function connect(url: string): Promise<Redis> {
  const redis = createRedisConnection(url, { logger: log, name: 'prefs-test' });
  opened.push(redis);
  connectInBackground(redis);
  await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  for (const redis of opened.splice(0)) {
    await closeRedis(redis);
  }
  await server?.dispose();
  server = undefined;
});

describe('Redis language preferences', () => {
  it('remembers a choice across connections (a restart) and knows nothing of other users', async () => {
    const prefix = uniquePrefix('lang');
    const first = createRedisLanguagePreferences({ redis: await connect(testRedisUrl()), prefix, log });
    expect(await first.set(7, 'zh')).toBe(true);
    const second = createRedisLanguagePreferences({ redis: await connect(testRedisUrl()), prefix, log });
    expect(await second.get(7)).toBe('zh');
    expect(await second.get(8)).toBeNull();
    await opened[0]!.del(`${prefix}:lang:7`);
  });

  it('answers at once without Redis (null, false) and works again when Redis returns', async () => {
    server = await startRedisServer();
    const redis = await connect(server.url);
    const prefs = createRedisLanguagePreferences({ redis, prefix: uniquePrefix('lang'), log });
    await server.stop();
    await until(async () => redis.status !== 'ready');

    const started = Date.now();
    expect(await prefs.get(7)).toBeNull();
    expect(await prefs.set(7, 'de')).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);

    await server.start();
    await until(() => prefs.set(7, 'de'));
    expect(await prefs.get(7)).toBe('de');
  });

  it('gives up on a Redis that hangs after the timeout instead of holding the answer', async () => {
    server = await startRedisServer();
    const redis = await connect(server.url);
    const prefs = createRedisLanguagePreferences({
      redis,
      prefix: uniquePrefix('lang'),
      log,
      timeoutMs: 200,
    });
    const admin = await connect(server.url);
    await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
    const started = Date.now();
    expect(await prefs.get(7)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
