import type { Redis } from 'ioredis';
import { createRedisLanguagePreferences } from '../adapters/redis/language-preferences.js';
import { createRedisRateCounter } from '../adapters/redis/rate-limit.js';
import { composeDesk } from '../app/compose-desk.js';
import type { Desk } from '../app/desk.js';
import type { Feature } from '../app/feature.js';
import type { OfferFollowUp } from '../app/features/question.js';
import { createRateLimitGuard, rateLimitDeskGuard } from '../app/rate-limit/rate-limit-guard.js';
import type { KnowledgeStore } from '../core/knowledge-base/snapshot.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { RunConfig } from './read-config.js';

/** The desk with every feature of this deployment, its rate limit and its metrics. */
export function wireDesk(
  config: RunConfig,
  deps: {
    store: KnowledgeStore;
    translate: Translate;
    redis: Redis;
    prefix: string;
    logger: Logger;
    metrics: Metrics;
    extraFeatures: Feature[];
    offerFollowUp: OfferFollowUp;
  },
): Desk {
  const { redis, prefix, logger, metrics } = deps;
  const rateLimit = createRateLimitGuard({
    counter: createRedisRateCounter({ redis, prefix: `${prefix}:rate` }),
    limit: config.RATE_LIMIT_PER_MINUTE,
    log: logger,
    exempt: (sender) => config.ADMIN_IDS.includes(sender.userId),
    onDecision: metrics.rateLimitDecision,
  });
  return composeDesk({
    store: deps.store,
    translate: deps.translate,
    preferences: createRedisLanguagePreferences({ redis, prefix, log: logger }),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    logger,
    observer: metrics,
    guards: [rateLimitDeskGuard(rateLimit, { staffChatId: config.STAFF_CHAT_ID })],
    extraFeatures: deps.extraFeatures,
    offerFollowUp: deps.offerFollowUp,
  });
}
