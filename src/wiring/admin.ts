import { adminReloadRoute } from '../adapters/http/admin-reload-route.js';
import type { HttpServer } from '../adapters/http/server.js';
import type { RedisGapStore } from '../adapters/redis/gap-store.js';
import { RedisInstanceRegistry } from '../adapters/redis/instance-registry.js';
import { RedisReloadBus } from '../adapters/redis/reload-bus.js';
import type { Feature } from '../app/feature.js';
import { createAdminFeature } from '../app/features/admin.js';
import { createGapsFeature } from '../app/features/gaps.js';
import { createBotApiDocumentFetcher } from '../app/reload/document-fetcher.js';
import { createReloadService, type ReloadService } from '../app/reload/reload-service.js';
import type { SwappableKnowledgeStore } from '../core/knowledge-base/store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Redis } from 'ioredis';
import type { RunConfig } from './read-config.js';

export interface AdminWiring {
  reload: ReloadService;
  features: Feature[];
}

/** Reloads (Telegram, HTTP, CLI through Redis pub/sub), /kb, and the knowledge-gap report. */
export function wireAdmin(
  config: RunConfig,
  deps: {
    store: SwappableKnowledgeStore;
    redis: Redis;
    gaps: RedisGapStore;
    prefix: string;
    logger: Logger;
    metrics: Metrics;
    http: HttpServer;
  },
): AdminWiring {
  const { redis, prefix, logger, gaps } = deps;
  const registry = new RedisInstanceRegistry({ redis, prefix });
  const reload = createReloadService({
    store: deps.store,
    kbPath: config.KB_PATH,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    log: logger,
    bus: new RedisReloadBus({ redis, prefix, log: logger }),
    registry,
    observer: deps.metrics,
  });
  const route = adminReloadRoute({ token: config.ADMIN_TOKEN, coordinator: reload.coordinator, log: logger });
  if (route) deps.http.mount(route);
  return {
    reload,
    features: [
      createAdminFeature({
        adminIds: config.ADMIN_IDS,
        coordinator: reload.coordinator,
        registry,
        self: { instanceId: reload.instanceId, loadedAt: reload.reloader.loadedAt },
        fetchDocument: createBotApiDocumentFetcher({
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
        }),
        replyWaitMs: reload.replyWaitMs,
      }),
      createGapsFeature({
        adminIds: config.ADMIN_IDS,
        staffChatId: config.STAFF_CHAT_ID,
        gaps,
        staffAnswers: gaps,
      }),
    ],
  };
}
