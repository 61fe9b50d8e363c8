import type { TestProject } from 'vitest/node';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let own: RedisServerHandle | undefined;

/**
 * Every test run talks to a real Redis: REDIS_URL when set, otherwise a private redis-server started here on a
 * free port. Tests isolate themselves with unique key prefixes and queue names, never by flushing.
 */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.REDIS_URL;
  if (!url) {
    own = await startRedisServer();
    url = own.url;
  }
  project.provide('redisUrl', url);
}

export async function teardown(): Promise<void> {
  await own?.dispose();
}
