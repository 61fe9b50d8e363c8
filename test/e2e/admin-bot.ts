import type { RedisDeskStats } from '../../src/adapters/redis/desk-stats-store.js';
import type { RedisGapStore } from '../../src/adapters/redis/gap-store.js';
import type { ReloadBus } from '../../src/adapters/redis/reload-bus.js';
import { startBotHarness, type BotFramework, type BotHarness } from '../support/bot-harness.js';
import type { FakeBotApi } from '../support/fake-bot-api.js';
import { uniquePrefix } from '../support/redis.js';

export const ADMIN_ID = 777_001;
export const STAFF_CHAT_ID = -100_555;

export interface AdminBot {
  h: BotHarness;
  /** The reload bus of the bot's current start (rebuilt on restart). */
  bus(): ReloadBus;
  gaps(): RedisGapStore;
  /** The daily numbers of /stats, counted by the desk's question and feedback features. */
  stats(): RedisDeskStats;
  /** The address of `path` on the bot's HTTP port (POST /admin/reload). */
  url(path: string): string;
  stop(): Promise<void>;
}

/**
 * The bot as `npm start` runs it with ADMIN_IDS and a staff chat: reloads over Redis pub/sub and the instance
 * registry, /kb, the knowledge-gap report and /stats, and with `adminToken` the HTTP reload route. Instances
 * that share `prefix` form a cluster. `framework` picks the adapter (default grammy).
 */
export async function startAdminBot(opts: {
  framework?: BotFramework;
  kbPath: string;
  prefix?: string;
  instanceId: string;
  fake?: FakeBotApi;
  /** ADMIN_TOKEN, which mounts POST /admin/reload. */
  adminToken?: string;
}): Promise<AdminBot> {
  const h = await startBotHarness({
    framework: opts.framework,
    kbPath: opts.kbPath,
    prefix: opts.prefix ?? uniquePrefix('admin'),
    instanceId: opts.instanceId,
    ...(opts.fake ? { fake: opts.fake } : {}),
    env: {
      ADMIN_IDS: String(ADMIN_ID),
      STAFF_CHAT_ID: String(STAFF_CHAT_ID),
      ADMIN_TOKEN: opts.adminToken,
    },
  });
  return {
    h,
    bus: () => h.running.bot!.reload,
    gaps: () => h.running.gaps,
    stats: () => h.running.stats,
    url: (path) => {
      const address = h.running.http.server.address();
      if (!address || typeof address === 'string') throw new Error('the HTTP port is not listening');
      return `http://127.0.0.1:${address.port}${path}`;
    },
    stop: () => h.stop(),
  };
}
