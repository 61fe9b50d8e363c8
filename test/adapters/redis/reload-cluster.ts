import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { connectInBackground, createRedisConnection } from '../../../src/adapters/redis/connection.js';
import { RedisInstanceRegistry } from '../../../src/adapters/redis/instance-registry.js';
import { ReloadBus } from '../../../src/adapters/redis/reload-bus.js';
import { createReloader } from '../../../src/app/reload/reloader.js';
import type { SwappableKnowledgeStore } from '../../../src/core/knowledge-base/store.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';
import { FUNDING_QUESTION, kbFolder, shippedKb, silentLog, storeFor } from '../../app/reload/support.js';

/** One bot instance's reload side: its own KB_PATH, store and Redis connection, on the cluster's prefix. */
export interface Instance {
  id: string;
  kbPath: string;
  store: SwappableKnowledgeStore;
  bus: ReloadBus;
  redis: Redis;
  registry: RedisInstanceRegistry;
  handled: string[];
}

export interface InstanceOptions {
  replyWaitMs?: number;
  redisUrl?: string;
  /** Started as startDesk starts it, while the connection is still being made. */
  connecting?: boolean;
}

export interface ReloadCluster {
  /** The Redis key prefix the instances of the current test share; a fresh one for each test. */
  readonly prefix: string;
  instance(id: string, opts?: InstanceOptions): Promise<Instance>;
  /** Runs `cleanup` after the current test, before the instances started earlier are stopped. */
  afterTest(cleanup: () => Promise<void>): void;
}

/**
 * Instances of the reload bus sharing one prefix. Registers an `afterEach` in the calling test file that
 * stops them in reverse order, deletes their keys and folders, and picks a new prefix for the next test.
 */
export function reloadCluster(): ReloadCluster {
  let prefix = uniquePrefix('cluster');
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    prefix = uniquePrefix('cluster');
  });

  async function instance(id: string, opts: InstanceOptions = {}): Promise<Instance> {
    const folder = await kbFolder();
    const store = storeFor(await shippedKb());
    const redis = createRedisConnection(opts.redisUrl ?? testRedisUrl(), { logger: silentLog, name: id });
    if (opts.connecting) connectInBackground(redis);
    else await redis.connect();
    const registry = new RedisInstanceRegistry({ redis, prefix });
    const handled: string[] = [];
    const reloader = createReloader({
      store,
      kbPath: folder.kbPath,
      defaultLanguage: 'en',
      log: silentLog,
      observer: { reloadFinished: (result) => handled.push(result) },
    });
    const bus = new ReloadBus({
      redis,
      prefix,
      log: silentLog,
      id,
      reloader,
      replyWaitMs: opts.replyWaitMs ?? 3_000,
    });
    await bus.start();
    cleanups.push(async () => {
      await bus.stop();
      const keys = await redis.keys(`${prefix}:*`).catch(() => []);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await folder.dispose();
    });
    return { id, kbPath: folder.kbPath, store, bus, redis, registry, handled };
  }

  return {
    get prefix() {
      return prefix;
    },
    instance,
    afterTest: (cleanup) => void cleanups.push(cleanup),
  };
}

/** The English answer the instance gives to the funding question. */
export const funding = (i: Instance) => i.store.current().answer(FUNDING_QUESTION, {}).entry?.answer.en ?? '';
