import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Language } from '../../src/core/language/languages.js';
import { projectRoot } from '../../src/project-root.js';
import type { RunConfig } from '../../src/wiring/read-config.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { freePort } from './free-port.js';

export type IntakeMode = RunConfig['BOT_MODE'];

export interface EnvOptions {
  framework: RunConfig['BOT_FRAMEWORK'];
  mode: IntakeMode;
  kbPath?: string;
  defaultLanguage?: Language;
  /** Set last, over what is set here. */
  env?: NodeJS.ProcessEnv;
}

const WEBHOOK_PATH = '/telegram/webhook';

/**
 * How the bot takes updates. Long polling needs no port of its own: any free one serves /healthz. The webhook
 * is the desk's own HTTP server, whose address Telegram (the fake) must be told before it listens: a free
 * loopback port is taken first and kept across restarts.
 */
async function intakeEnv(mode: IntakeMode): Promise<NodeJS.ProcessEnv> {
  if (mode === 'polling') return { BOT_MODE: 'polling', HTTP_PORT: '0' };
  const port = await freePort();
  return {
    BOT_MODE: 'webhook',
    HTTP_PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    WEBHOOK_SECRET: 'harness_webhook_secret',
  };
}

/** The environment of a bot on the fake Bot API and the test Redis, as an operator would write it in .env. */
export async function testEnv(
  options: EnvOptions,
  fake: FakeBotApi,
  redisUrl: string,
): Promise<NodeJS.ProcessEnv> {
  return {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    REDIS_URL: redisUrl,
    KB_PATH: options.kbPath ?? join(projectRoot(), 'data/knowledge-base.json'),
    DEFAULT_LANGUAGE: options.defaultLanguage ?? 'en',
    BOT_FRAMEWORK: options.framework,
    // On loopback only: several bots run side by side.
    HTTP_HOST: '127.0.0.1',
    ...(await intakeEnv(options.mode)),
    // Scenarios write faster than people do; runtime-rate-limit.test.ts sets the limit it tests.
    RATE_LIMIT_PER_MINUTE: '600',
    ...options.env,
  };
}

/** The keys a harness leaves in Redis: the desk's (the webhook's update_id marks included) and the follow-up queues'. */
export function harnessKeys(namespace: string): string[] {
  return [`${namespace}*`, `{${namespace}desk}*`];
}

/** Removes the keys matching `patterns`; a Redis that is down keeps nothing. */
export async function deleteKeys(url: string, patterns: string[]): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  await redis.connect().catch(() => undefined);
  if (redis.status === 'ready') {
    for (const pattern of patterns) {
      const keys = await redis.keys(pattern).catch(() => [] as string[]);
      if (keys.length > 0) await redis.del(...keys).catch(() => undefined);
    }
  }
  redis.disconnect();
}
