import type { Redis } from 'ioredis';
import { createRedisLanguagePreferences } from '../adapters/redis/language-preferences.js';
import { createRedisRateCounter } from '../adapters/redis/rate-limit.js';
import {
  createUpdateAdmission,
  type Farewells,
  type UpdateAdmission,
} from '../app/admission/update-admission.js';
import type { AnswerMemory } from '../app/answer-memory.js';
import { composeDesk } from '../app/compose-desk.js';
import type { Desk } from '../app/desk.js';
import type { Feature } from '../app/feature.js';
import type { OfferFollowUp } from '../app/features/question.js';
import { createEarlyDecisions } from '../app/rate-limit/early-decisions.js';
import { createRateLimitGuard, rateLimitDeskGuard } from '../app/rate-limit/rate-limit-guard.js';
import type { GapRecorder } from '../core/gaps/gap.js';
import type { KnowledgeStore } from '../core/knowledge-base/snapshot.js';
import type { DeskStatsRecorder } from '../core/stats/desk-stats.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { createUpdateDedupe } from '../runtime/update-dedupe.js';
import type { RunConfig } from './read-config.js';

/** How long a chat the bot left is remembered, so that a flood there is told once, not once a message. */
const FAREWELL_MEMORY_SECONDS = 600;

export interface DeskWiring {
  desk: Desk;
  /** Decides on updates as they arrive, before they wait (served chats, the rate limit). */
  admission: UpdateAdmission;
}

export interface DeskWiringDeps {
  store: KnowledgeStore;
  translate: Translate;
  redis: Redis;
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  extraFeatures: Feature[];
  offerFollowUp?: OfferFollowUp;
  gaps: GapRecorder;
  answers: AnswerMemory;
  stats: DeskStatsRecorder;
  /** The rate limit's window; a minute (RATE_LIMIT_PER_MINUTE) unless a test shortens it. */
  rateLimitWindowMs?: number;
}

/** The desk with every feature of this deployment, its admission and rate limit, and its metrics. */
export function wireDesk(config: RunConfig, deps: DeskWiringDeps): DeskWiring {
  const { redis, prefix, logger, metrics } = deps;
  const staffChatId = config.STAFF_CHAT_ID;
  const rateLimit = createRateLimitGuard({
    counter: createRedisRateCounter({ redis, prefix: `${prefix}:rate`, windowMs: deps.rateLimitWindowMs }),
    limit: config.RATE_LIMIT_PER_MINUTE,
    log: logger,
    exempt: (sender) => config.ADMIN_IDS.includes(sender.userId),
    onDecision: metrics.rateLimitDecision,
  });
  const early = createEarlyDecisions();
  const desk = composeDesk({
    store: deps.store,
    translate: deps.translate,
    preferences: createRedisLanguagePreferences({ redis, prefix, log: logger }),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    logger,
    observer: metrics,
    guards: [rateLimitDeskGuard(rateLimit, { staffChatId, early })],
    extraFeatures: deps.extraFeatures,
    offerFollowUp: deps.offerFollowUp,
    gaps: deps.gaps,
    followUps: staffChatId !== undefined,
    ...(staffChatId === undefined
      ? {}
      : { staffChat: { id: staffChatId, language: config.DEFAULT_LANGUAGE } }),
    memory: deps.answers,
    stats: deps.stats,
  });
  const admission = createUpdateAdmission({
    ...(staffChatId === undefined ? {} : { staffChatId }),
    rateLimit,
    early,
    farewells: farewellMarks(redis, prefix, logger),
    translate: deps.translate,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    log: logger,
  });
  return { desk, admission };
}

/** Farewells told once per chat the bot left: the same first-claim-wins marks as the webhook's update ids. */
function farewellMarks(redis: Redis, prefix: string, log: Logger): Farewells {
  const marks = createUpdateDedupe({
    redis,
    prefix: `${prefix}:farewell`,
    log,
    processingTtlSeconds: FAREWELL_MEMORY_SECONDS,
    label: 'farewell marks',
  });
  return { first: (chatId) => marks.claim(chatId) };
}
