import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRedisFromUrl, redisOptionsFromUrl, RedisUrlError } from '../../src/runtime/redis-from-url.js';
import { testRedisUrl } from '../support/redis.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer } from '../support/redis-server.js';

describe('REDIS_URL', () => {
  it('reads a plain URL with password, db and TLS', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(redisOptionsFromUrl('rediss://app:p%40ss@redis.internal/2')).toEqual({
      host: 'redis.internal',
      port: 6379,
      username: 'app',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
  });

  it('reads a Sentinel set-up: several sentinels and the master name', () => {
    expect(
      redisOptionsFromUrl('redis://:secret@s1:26379,s2:26380,s3/0?sentinelMaster=desk&sentinelPassword=sp'),
    ).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26380 },
        { host: 's3', port: 26379 },
      ],
      name: 'desk',
      sentinelPassword: 'sp',
      password: 'secret',
      db: 0,
    });
  });

  it('refuses several hosts without a Sentinel master, naming the fix', () => {
    expect(() => redisOptionsFromUrl('redis://a:6379,b:6379')).toThrow(/sentinelMaster/);
    expect(() => redisOptionsFromUrl('http://a')).toThrow(RedisUrlError);
  });

  it('connects with the caller options kept', async () => {
    const redis = createRedisFromUrl(testRedisUrl(), { connectionName: 'url-test', lazyConnect: true });
    await redis.connect();
    expect(await redis.client('GETNAME')).toBe('url-test');
    await redis.quit();
  });
});

describe('REDIS_URL with Sentinel', () => {
  it('finds the master through a real sentinel', async () => {
    const master = await startRedisServer();
    const dir = mkdtempSync(join(tmpdir(), 'desk-sentinel-'));
    const port = await freePort();
    const config = join(dir, 'sentinel.conf');
    writeFileSync(config, `port ${port}\nbind 127.0.0.1\nsentinel monitor desk 127.0.0.1 ${master.port} 1\n`);
    const sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
    const redis = createRedisFromUrl(`redis://127.0.0.1:${port}?sentinelMaster=desk`, {
      sentinelRetryStrategy: () => 100,
    });
    redis.on('error', () => {});
    try {
      await redis.set('sentinel-test', 'ok');
      expect(await redis.get('sentinel-test')).toBe('ok');
      expect((await redis.info('server')).includes(`tcp_port:${master.port}`)).toBe(true);
    } finally {
      redis.disconnect();
      sentinel.kill('SIGTERM');
      await master.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
