import { adminReloadRoute } from '../adapters/http/admin-reload-route.js';
import type { HttpServer } from '../adapters/http/server.js';
import type { RedisDeskStats } from '../adapters/redis/desk-stats-store.js';
import type { RedisGapStore } from '../adapters/redis/gap-store.js';
import { ReloadBus } from '../adapters/redis/reload-bus.js';
import { readKnowledgeBaseWorkbook } from '../adapters/xlsx/read-knowledge-base.js';
import { gapDraftsWorkbook } from '../adapters/xlsx/write-gap-drafts.js';
import type { AnswerMemory } from '../app/answer-memory.js';
import type { Feature } from '../app/feature.js';
import { createAdminFeature } from '../app/features/admin.js';
import { createGapsFeature } from '../app/features/gaps.js';
import { createStatsFeature } from '../app/features/stats.js';
import { botApiDocumentFetcher } from '../app/reload/document-fetcher.js';
import { createReloader } from '../app/reload/reloader.js';
import type { SwappableKnowledgeStore } from '../core/knowledge-base/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Redis } from 'ioredis';
import type { RunConfig } from './read-config.js';

export interface AdminWiring {
  /** Joined with `start()` once the bot runs, left with `stop()` at shutdown. */
  reload: ReloadBus;
  features: Feature[];
}

export interface AdminWiringDeps {
  store: SwappableKnowledgeStore;
  redis: Redis;
  gaps: RedisGapStore;
  answers: AnswerMemory;
  stats: RedisDeskStats;
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  http: HttpServer;
  /** This instance's name in the reload cluster; `<host>-<pid>` by default. */
  instanceId?: string;
}

/** Reloads (Telegram, HTTP, CLI through Redis pub/sub), /kb, the knowledge-gap report and /stats. */
export function wireAdmin(config: RunConfig, deps: AdminWiringDeps): AdminWiring {
  const { redis, prefix, logger, gaps } = deps;
  const reloader = createReloader({
    store: deps.store,
    kbPath: config.KB_PATH,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    log: logger,
    observer: deps.metrics,
  });
  const reload = new ReloadBus({ redis, prefix, log: logger, reloader, id: deps.instanceId });
  const reloadEverywhere = reload.reloadEverywhere.bind(reload);
  const route = adminReloadRoute({ token: config.ADMIN_TOKEN, reloadEverywhere, log: logger });
  if (route) deps.http.mount(route);
  return {
    reload,
    features: [
      createAdminFeature({
        adminIds: config.ADMIN_IDS,
        reloadEverywhere,
        instances: () => reload.instances(),
        self: { instanceId: reload.id, loadedAt: () => reloader.serving().loadedAt },
        fetchDocument: botApiDocumentFetcher({
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
        }),
        readWorkbook: readKnowledgeBaseWorkbook,
        replyWaitMs: reload.replyWaitMs,
      }),
      createGapsFeature({
        adminIds: config.ADMIN_IDS,
        staffChatId: config.STAFF_CHAT_ID,
        gaps,
        staffAnswers: gaps,
        draftsWorkbook: gapDraftsWorkbook,
        feedback: deps.answers,
      }),
      createStatsFeature({
        adminIds: config.ADMIN_IDS,
        staffChatId: config.STAFF_CHAT_ID,
        stats: deps.stats,
      }),
    ],
  };
}
