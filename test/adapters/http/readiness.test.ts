import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeBaseCheck } from '../../../src/adapters/http/checks/knowledge-base-check.js';
import { notShuttingDownCheck } from '../../../src/adapters/http/checks/process-check.js';
import { redisCheck } from '../../../src/adapters/http/checks/redis-check.js';
import { healthRoute } from '../../../src/adapters/http/routes/health.js';
import { readinessRoute } from '../../../src/adapters/http/routes/readiness.js';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import type { KnowledgeSnapshot } from '../../../src/core/knowledge-base/snapshot.js';
import { startRedisServer, type RedisServerHandle } from '../../support/redis-server.js';

const log = pino({ level: 'silent' });
let redisServer: RedisServerHandle;
let redis: Redis;
let http: HttpServer;
let base: string;
let snapshot: KnowledgeSnapshot | undefined;
let shuttingDown = false;

async function until(predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readyz = async () => {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; failing?: string[] } };
};

beforeAll(async () => {
  redisServer = await startRedisServer();
  // BullMQ-style settings: commands wait for Redis forever, which is exactly what the probe must not do.
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  redis.on('error', () => {});
  http = createHttpServer({ log });
  http.mount(healthRoute());
  http.mount(
    readinessRoute(
      [
        redisCheck(redis),
        knowledgeBaseCheck(() => snapshot),
        notShuttingDownCheck({ isShuttingDown: () => shuttingDown }),
      ],
      { log, timeoutMs: 500 },
    ),
  );
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await http.close(100);
  redis.disconnect();
  await redisServer.dispose();
});

describe('/healthz and /readyz', () => {
  it('is not ready until a knowledge base is loaded, then ready', async () => {
    await until(async () => redis.status === 'ready', 5_000);
    expect(await readyz()).toEqual({
      status: 503,
      body: { status: 'not_ready', failing: ['knowledge_base'] },
    });
    snapshot = {
      version: 'v1',
      kb: { version: 'v1', entries: [{ id: 'x' }] },
    } as unknown as KnowledgeSnapshot;
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('turns 503 naming redis when Redis stops and 200 when it returns; /healthz stays 200', async () => {
    await redisServer.stop();
    await until(async () => (await readyz()).status === 503, 5_000);
    const started = Date.now();
    const down = await readyz();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(down.body).toEqual({ status: 'not_ready', failing: ['redis'] });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await redisServer.start();
    await until(async () => (await readyz()).status === 200, 10_000);
    expect((await readyz()).body).toEqual({ status: 'ready' });
  });

  it('is not ready once shutdown has begun', async () => {
    shuttingDown = true;
    expect((await readyz()).body.failing).toEqual(['shutting_down']);
    shuttingDown = false;
  });
});
