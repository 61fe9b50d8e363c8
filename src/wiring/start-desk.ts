import type { Redis } from 'ioredis';
import { knowledgeBaseCheck } from '../adapters/http/checks/knowledge-base-check.js';
import { notShuttingDownCheck } from '../adapters/http/checks/process-check.js';
import { redisCheck } from '../adapters/http/checks/redis-check.js';
import type { HttpServer } from '../adapters/http/server.js';
import { startHttp } from '../adapters/http/start-http.js';
import type { FollowUpWorkers } from '../adapters/queue/follow-up-workers.js';
import { createRedisAnswerMemory } from '../adapters/redis/answer-memory.js';
import { connectInBackground, createRedisConnection } from '../adapters/redis/connection.js';
import { RedisDeskStats } from '../adapters/redis/desk-stats-store.js';
import { RedisGapStore } from '../adapters/redis/gap-store.js';
import type { ReloadBus } from '../adapters/redis/reload-bus.js';
import type { UpdateAdmission } from '../app/admission/update-admission.js';
import type { AnswerMemory } from '../app/answer-memory.js';
import type { Desk } from '../app/desk.js';
import type { Feature } from '../app/feature.js';
import type { SwappableKnowledgeStore } from '../core/knowledge-base/store.js';
import { createTranslator, type Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ApiPolicyKnobs } from '../runtime/api-call-policy.js';
import { closeRedis } from '../runtime/close-redis.js';
import type { DeskBotOptions } from '../runtime/desk-bot.js';
import type { Shutdown } from '../runtime/shutdown.js';
import type { UpdateIntake } from '../runtime/update-intake.js';
import { wireAdmin } from './admin.js';
import { wireDesk } from './desk.js';
import type { FollowUpTuning } from './follow-up-workers.js';
import { wireFollowUps, type FollowUps } from './follow-ups.js';
import { loadKnowledgeStore } from './knowledge.js';
import { wireQueueDashboard } from './queue-dashboard.js';
import { StartupError, type RunConfig } from './read-config.js';
import { createTransport, createWorkerMessenger, type TransportDeps } from './transport.js';

/** Keys of this deployment in Redis start with this (after the namespace, when there is one). */
const REDIS_PREFIX = 'desk';

/** Knobs with production defaults; end-to-end tests shorten them. */
export interface DeskTuning {
  /** The rate limit's window (a minute). */
  rateLimitWindowMs?: number;
  followUps?: FollowUpTuning;
  /** The outgoing-call policy (retries and their cap). */
  apiPolicy?: ApiPolicyKnobs;
  /** Long polling beyond its defaults (a shorter long-poll timeout). */
  polling?: TransportDeps['polling'];
}

export interface StartDeskDeps {
  logger: Logger;
  metrics: Metrics;
  /** Each part registers its closer here, in the order they must run: stop taking updates first, Redis last. */
  shutdown: Shutdown;
  /** Taking updates ended with an error (401: bad token, 409: another instance polls); nothing to retry. */
  onIntakeFailed: (err: unknown) => void;
  /** Put before every Redis key and queue name, so that several desks share one Redis; none in production. */
  namespace?: string;
  tuning?: DeskTuning;
  /** Features after the deployment's own (a test's faulty one). */
  extraFeatures?: Feature[];
  /** This instance's name in the reload cluster; `<host>-<pid>` by default. */
  instanceId?: string;
  /** Told when an update is done, its response sent. */
  onUpdateHandled?: DeskBotOptions['onUpdateHandled'];
}

/** The bot's side of a running desk (ROLE=all or ROLE=bot). */
export interface RunningBot {
  readonly store: SwappableKnowledgeStore;
  readonly desk: Desk;
  readonly reload: ReloadBus;
  /** Resolves once this instance has joined the reload cluster. */
  readonly joined: Promise<void>;
  readonly intake: UpdateIntake;
  /** Resolves once the "/" menu is registered (or its failure logged). */
  readonly commandsAnnounced: Promise<void>;
}

/** What `startDesk` started; its closers are registered on the shutdown it was given. */
export interface RunningDesk {
  readonly http: HttpServer;
  readonly redis: Redis;
  /** Where this desk's keys start in Redis. */
  readonly prefix: string;
  readonly gaps: RedisGapStore;
  readonly answers: AnswerMemory;
  readonly stats: RedisDeskStats;
  /** Null without STAFF_CHAT_ID. */
  readonly followUps: FollowUps | null;
  /** The follow-up workers of this process (ROLE=all or ROLE=worker, with follow-ups). */
  readonly workers: FollowUpWorkers | null;
  /** Null when ROLE=worker. */
  readonly bot: RunningBot | null;
}

interface Shared {
  config: RunConfig;
  deps: StartDeskDeps;
  redis: Redis;
  http: HttpServer;
  prefix: string;
  translate: Translate;
  gaps: RedisGapStore;
  answers: AnswerMemory;
  stats: RedisDeskStats;
  followUps: FollowUps | null;
}

/**
 * The desk as configured: ROLE=all runs the bot and the follow-up worker, ROLE=bot only takes updates,
 * ROLE=worker only works the follow-up queue; every role serves /healthz, /readyz and /metrics. `npm start`
 * and the end-to-end tests both start the desk here.
 */
export async function startDesk(config: RunConfig, deps: StartDeskDeps): Promise<RunningDesk> {
  const { logger, metrics, shutdown } = deps;
  if (config.ROLE === 'worker' && config.STAFF_CHAT_ID === undefined) {
    throw new StartupError(['STAFF_CHAT_ID is required when ROLE=worker: the worker posts tickets there'], 2);
  }
  const store = config.ROLE === 'worker' ? null : await loadStore(config, logger);
  const redis = createRedisConnection(config.REDIS_URL, { logger, name: `desk-${config.ROLE}` });
  connectInBackground(redis);
  const http = await startHttp({
    port: config.HTTP_PORT,
    host: config.HTTP_HOST,
    log: logger,
    metrics,
    checks: [
      redisCheck(redis),
      ...(store ? [knowledgeBaseCheck(() => store.current())] : []),
      notShuttingDownCheck(shutdown),
    ],
  });
  const prefix = `${deps.namespace ?? ''}${REDIS_PREFIX}`;
  const translate = createTranslator();
  const gaps = new RedisGapStore({ redis, prefix });
  const answers = createRedisAnswerMemory({ redis, prefix, log: logger });
  const stats = new RedisDeskStats({ redis, prefix });
  const followUps = wireFollowUps(config, {
    translate,
    logger,
    metrics,
    gaps,
    stats,
    namespace: deps.namespace,
    tuning: deps.tuning?.followUps,
  });
  wireQueueDashboard(config, { followUps, http, translate, logger });
  const shared: Shared = { config, deps, redis, http, prefix, translate, gaps, answers, stats, followUps };
  const bot = store ? startBot(store, shared) : null;
  const workers = followUps && config.ROLE !== 'bot' ? await startWorkers(followUps, shared) : null;
  if (followUps) shutdown.register('close follow-ups', () => followUps.close());
  shutdown.register('close http', () => http.close(2_000));
  shutdown.register('close redis', () => closeRedis(redis));
  return { http, redis, prefix, gaps, answers, stats, followUps, workers, bot };
}

async function loadStore(config: RunConfig, logger: Logger): Promise<SwappableKnowledgeStore> {
  const store = await loadKnowledgeStore(config);
  const { version, kb } = store.current();
  logger.info({ kb: version, entries: kb.entries.length }, 'knowledge base loaded');
  return store;
}

/** Admin features and reloads, the desk with every feature, and the bot taking updates. */
function startBot(store: SwappableKnowledgeStore, shared: Shared): RunningBot {
  const { config, deps, redis, http, prefix, gaps, answers, stats, followUps } = shared;
  const { logger, metrics, tuning } = deps;
  const admin = wireAdmin(config, {
    store,
    redis,
    gaps,
    answers,
    stats,
    prefix,
    logger,
    metrics,
    http,
    instanceId: deps.instanceId,
  });
  const joined = admin.reload.start();
  const { desk, admission } = wireDesk(config, {
    store,
    translate: shared.translate,
    redis,
    prefix,
    logger,
    metrics,
    // Admin first: a document captioned /reload (or an admin's knowledge-base file) is never a ticket's.
    extraFeatures: [...admin.features, ...(followUps?.features ?? []), ...(deps.extraFeatures ?? [])],
    offerFollowUp: followUps?.offerFollowUp,
    gaps,
    answers,
    stats,
    rateLimitWindowMs: tuning?.rateLimitWindowMs,
  });
  const { intake, commandsAnnounced } = startTaking(shared, desk, admission);
  deps.shutdown.register('stop taking updates', () => intake.stop());
  deps.shutdown.register('leave reload cluster', () => admin.reload.stop());
  return { store, desk, reload: admin.reload, joined, intake, commandsAnnounced };
}

/** The bot on its framework, taking updates by long polling or the webhook. */
function startTaking(
  shared: Shared,
  desk: Desk,
  admission: UpdateAdmission,
): Pick<RunningBot, 'intake' | 'commandsAnnounced'> {
  const { config, deps, http, redis, prefix } = shared;
  const { logger, metrics, tuning } = deps;
  const transport = createTransport(config, {
    desk,
    admission,
    logger,
    metrics,
    http,
    redis,
    keyPrefix: prefix,
    apiPolicy: tuning?.apiPolicy,
    polling: tuning?.polling,
    onUpdateHandled: deps.onUpdateHandled,
  });
  const intake = transport.startIntake();
  intake.finished.catch(deps.onIntakeFailed);
  // The "/" menu is a convenience: registered once updates flow, its failure only logged.
  const commandsAnnounced = intake.started.then(
    () => transport.announceCommands(config.DEFAULT_LANGUAGE),
    () => undefined,
  );
  return { intake, commandsAnnounced };
}

async function startWorkers(followUps: FollowUps, shared: Shared): Promise<FollowUpWorkers> {
  const { logger, metrics } = shared.deps;
  const workers = await followUps.startWorkers(createWorkerMessenger(shared.config, { logger, metrics }));
  logger.info('follow-up worker running');
  return workers;
}
