import type { RateLimiterOptions } from 'bullmq';
import {
  countJobsByState,
  createBullmqDispatcher,
  openFollowUpQueues,
  type FollowUpQueues,
} from '../adapters/queue/bullmq-dispatcher.js';
import { warnUnlessNoEviction } from '../adapters/queue/eviction-policy-check.js';
import {
  createFollowUpWorkers,
  limiterBudgetLeft,
  type FollowUpWorkers,
  type FollowUpWorkersOptions,
} from '../adapters/queue/follow-up-workers.js';
import { startOpenDigestClock } from '../adapters/queue/open-digest-clock.js';
import { createOutboxSweeper } from '../adapters/queue/outbox-sweeper.js';
import { queueNaming } from '../adapters/queue/queue-config.js';
import {
  connectInBackground,
  createQueueProducerConnection,
  createQueueWorkerConnection,
  createRedisConnection,
} from '../adapters/redis/connection.js';
import type { RedisGapStore } from '../adapters/redis/gap-store.js';
import { migrateToChannelKeys } from '../adapters/redis/ticket-key-migration.js';
import { RedisTicketStore } from '../adapters/redis/ticket-store.js';
import type { BoundTranslate, Feature } from '../app/feature.js';
import { createFollowUpFeature, createOfferFollowUp } from '../app/features/follow-up.js';
import type { OfferFollowUp } from '../app/features/question.js';
import { createClosedTicketFeature } from '../app/features/closed-ticket.js';
import { createConversationFeature } from '../app/features/conversation.js';
import { createClosedTickets } from '../app/follow-up/closed-tickets.js';
import { createStaffFeature } from '../app/features/staff.js';
import { createConversations } from '../app/follow-up/conversations.js';
import { createStaffActions, type StaffActions } from '../app/follow-up/staff-actions.js';
import { createStaffForum } from '../app/follow-up/staff-forum.js';
import { createStaffPoster, type StaffPosterDeps } from '../app/follow-up/staff-poster.js';
import { createStaffTopics } from '../app/follow-up/staff-topics.js';
import { createTicketRequests, type TicketRequests } from '../app/follow-up/ticket-requests.js';
import { createUserRelay } from '../app/follow-up/user-relay.js';
import type { FollowUpObserver, WorkDispatcher } from '../app/follow-up/work-items.js';
import type { Messenger } from '../app/types.js';
import type { Config } from '../config/env.js';
import type { DeskStatsRecorder } from '../core/stats/desk-stats.js';
import { STAFF_PACING } from '../core/follow-up/staff-pacing.js';
import type { Language } from '../core/language/languages.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import { closeRedis } from '../runtime/close-redis.js';
import { withTimeout } from '../with-timeout.js';

export interface FollowUpOptions {
  redisUrl: string;
  staffChatId: number;
  /** The staff chat's language (DEFAULT_LANGUAGE). */
  staffLanguage: Language;
  /** FOLLOWUP_REMIND_MINUTES. */
  remindAfterMinutes: number;
  translate: Translate;
  log: Logger;
  /** Isolates keys and queues (tests, benchmarks). */
  namespace?: string;
  /** Tickets created and answered: metrics and the knowledge-gap report. */
  observer?: FollowUpObserver;
  tuning?: FollowUpTuning;
}

/**
 * Knobs with production defaults; tests shorten the times. The staff queue's limiter defaults to Telegram's
 * group limit (STAFF_PACING).
 */
export type FollowUpTuning = Partial<
  Pick<
    FollowUpWorkersOptions,
    'lockDurationMs' | 'stalledIntervalMs' | 'backoff' | 'staffLimiter' | 'userConcurrency'
  > &
    Pick<StaffPosterDeps, 'digestMax' | 'maxReminders'> & { sweepIntervalMs: number; sweepGraceMs: number }
>;

export interface FollowUps {
  readonly store: RedisTicketStore;
  readonly requests: TicketRequests;
  readonly staffActions: StaffActions;
  readonly queues: FollowUpQueues;
  /**
   * The staff feature first (it takes replies in the staff chat before anything else looks at them), then
   * conversations (a user's message in a taken-over ticket is never a new question), then the user's requests.
   */
  readonly features: Feature[];
  /** The "Ask our staff" button under answers the knowledge base could not give confidently. */
  readonly offerFollowUp: OfferFollowUp;
  /**
   * Runs the workers and the outbox sweeper in this process (ROLE=all or ROLE=worker; several processes may
   * do so at once). Give it a Messenger over an Api without auto-retry: the queue owns retries.
   */
  startWorkers(messenger: Messenger): Promise<FollowUpWorkers>;
  /** Open tickets, for the metrics gauge. */
  openTickets(): Promise<number>;
  /** Jobs per state over both queues, for the queue-depth gauge. */
  queueDepth(): Promise<Record<string, number>>;
  /** Resolves once the store's connection is up (start-up and tests; requests fail fast until then). */
  whenReady(timeoutMs?: number): Promise<void>;
  /** Workers first (jobs in progress finish or return to the queue), then queues and connections. */
  close(): Promise<void>;
}

/**
 * Follow-ups over one Redis: the ticket store and the queue producers (fail fast: a user waiting on a
 * confirmation never waits for a Redis outage), the user's and the staff's features, and on demand the
 * workers (patient: they wait Redis out). Warns at start-up when Redis could evict keys.
 */
export function composeFollowUps(opts: FollowUpOptions): FollowUps {
  const ns = opts.namespace ?? '';
  const tuning = opts.tuning ?? {};
  const log = opts.log.child({ component: 'follow-up' });
  const naming = queueNaming(ns);
  const limiter = tuning.staffLimiter ?? { max: STAFF_PACING.max, duration: STAFF_PACING.durationMs };
  const { staffChatId, staffLanguage, translate } = opts;

  const storeRedis = createRedisConnection(opts.redisUrl, { logger: log, name: 'desk-follow-up' });
  connectInBackground(storeRedis);
  const prefix = `${ns}desk:{fu}:`;
  storeRedis.once('ready', () => {
    void warnUnlessNoEviction(storeRedis, log);
    migrateToChannelKeys(storeRedis, prefix, log).catch((err: unknown) =>
      log.error({ err }, 'follow-up keys not moved to the channel-scoped layout; retried at the next start'),
    );
  });
  const producerRedis = createQueueProducerConnection(opts.redisUrl, {
    logger: log,
    name: 'desk-follow-up-producer',
  });
  const queues = openFollowUpQueues(producerRedis, naming, log);
  const store = new RedisTicketStore({ redis: storeRedis, staffChatId, prefix });
  const dispatcher = createBullmqDispatcher({ queues, store });
  const requests = createTicketRequests({ store, dispatcher, log, observer: opts.observer });
  const staffActions = createStaffActions({ store, dispatcher, log, observer: opts.observer });
  const conversations = createConversations({ store, dispatcher, log });
  const closed = createClosedTickets({ store, dispatcher, requests, log, observer: opts.observer });
  const running: Partial<ReturnType<typeof runWorkers>> = {};

  async function startWorkers(messenger: Messenger): Promise<FollowUpWorkers> {
    const started = runWorkers({ opts, log, naming, limiter, store, dispatcher, queues }, messenger);
    Object.assign(running, started);
    return started.workers;
  }

  return {
    store,
    requests,
    staffActions,
    queues,
    features: [
      createStaffFeature({ actions: staffActions, staffChatId, staffLanguage, translate }),
      createConversationFeature({ conversations, closed }),
      createClosedTicketFeature({ closed }),
      createFollowUpFeature({ requests, staffLanguage }),
    ],
    offerFollowUp: createOfferFollowUp({ requests, staffLanguage }),
    startWorkers,
    openTickets: () => store.countOpen(),
    queueDepth: () => countJobsByState(queues),
    async whenReady(timeoutMs = 5_000) {
      if (storeRedis.status === 'ready') return;
      const ready = new Promise((resolve) => storeRedis.once('ready', resolve));
      await withTimeout(ready, timeoutMs, 'follow-up Redis');
    },
    async close() {
      running.digestClock?.stop();
      await running.sweeper?.stop();
      await running.workers?.close();
      await Promise.all([queues.staff.close(), queues.user.close()]);
      await Promise.all(
        [storeRedis, producerRedis, running.redis].map((redis) => redis && closeRedis(redis)),
      );
    },
  };
}

interface WorkerParts {
  opts: FollowUpOptions;
  log: Logger;
  naming: ReturnType<typeof queueNaming>;
  limiter: RateLimiterOptions;
  store: RedisTicketStore;
  dispatcher: WorkDispatcher;
  queues: FollowUpQueues;
}

/** The staff poster, the user relay, their BullMQ workers on a connection of their own, and the sweeper. */
function runWorkers(parts: WorkerParts, messenger: Messenger) {
  const { opts, log, limiter, store, dispatcher, queues } = parts;
  const tuning = opts.tuning ?? {};
  const redis = createQueueWorkerConnection(opts.redisUrl, { logger: log, name: 'desk-follow-up-worker' });
  const t: BoundTranslate = (key, vars) => opts.translate(opts.staffLanguage, key, vars);
  const { staffChatId } = opts;
  const forum = createStaffForum({ messenger, store, staffChatId, t, log });
  forum.start();
  const poster = createStaffPoster({
    store,
    messenger,
    messagesLeft: () => limiterBudgetLeft(redis, queues.staff, limiter),
    dispatcher,
    log,
    staffChatId,
    forum,
    topics: createStaffTopics({ store, messenger, forum, staffChatId }),
    t,
    remindAfterMs: opts.remindAfterMinutes * 60_000,
    maxReminders: tuning.maxReminders,
    digestMax: tuning.digestMax,
  });
  const relay = createUserRelay({ store, messenger, translate: opts.translate, dispatcher, log });
  // Staff posts go one at a time over all workers, so that digest decisions never race. Not awaited: a Redis
  // that is down at start-up must not hold the process (the producer applies it once connected).
  queues.staff
    .setGlobalConcurrency(1)
    .catch((err: unknown) => log.warn({ err }, 'staff queue concurrency not set'));
  const workers = createFollowUpWorkers({
    connection: redis,
    ...parts.naming,
    staffQueue: queues.staff,
    staffLimiter: limiter,
    poster,
    relay,
    log,
    userConcurrency: tuning.userConcurrency,
    lockDurationMs: tuning.lockDurationMs,
    stalledIntervalMs: tuning.stalledIntervalMs,
    backoff: tuning.backoff,
  });
  const sweeper = createOutboxSweeper({
    store,
    dispatcher,
    queues,
    log,
    graceMs: tuning.sweepGraceMs,
    intervalMs: tuning.sweepIntervalMs,
  });
  sweeper.start();
  const digestClock = startOpenDigestClock({ dispatcher, log });
  return { workers, sweeper, digestClock, redis };
}

interface ObserverDeps {
  logger: Logger;
  metrics: Metrics;
  gaps: RedisGapStore;
  stats: DeskStatsRecorder;
}

/**
 * Tickets counted where they happen: metrics, the knowledge-gap report and the daily numbers of `/stats`. Redis
 * writes are not awaited and their failures logged at debug: counting never holds up a ticket.
 */
export function followUpObserver({ logger, metrics, gaps, stats }: ObserverDeps): FollowUpObserver {
  const gapNotRecorded = (err: unknown) =>
    logger.debug({ err }, 'knowledge-gap report not updated (store unavailable)');
  const notCounted = (err: unknown) => logger.debug({ err }, 'ticket not counted in the daily numbers');
  return {
    ticketCreated(ticket) {
      metrics.ticketCreated();
      gaps
        .record({ text: ticket.question, lang: ticket.lang, kind: 'ticket' }, Date.now())
        .catch(gapNotRecorded);
      stats.ticket('opened', ticket.createdAt).catch(notCounted);
    },
    ticketAnswered(ticket, answer) {
      metrics.ticketAnswered();
      gaps
        .recordStaffAnswer({ question: ticket.question, lang: ticket.lang, answer, answeredAt: Date.now() })
        .catch(gapNotRecorded);
      if (ticket.answers !== 1) return;
      const at = ticket.answeredAt ?? Date.now();
      stats.ticket('answered', at).catch(notCounted);
      stats.firstStaffReply((at - ticket.createdAt) / 1000, at).catch(notCounted);
    },
    ticketClosed(ticket) {
      stats.ticket('closed', ticket.closedAt ?? Date.now()).catch(notCounted);
    },
    ticketRated(ticket, rating) {
      if (ticket.rating) metrics.ticketRated(ticket.rating);
      stats.ticketRated(rating, ticket.ratedAt ?? Date.now()).catch(notCounted);
    },
  };
}

/**
 * Follow-ups as this deployment runs them, with their metrics, their part of the knowledge-gap report and of
 * the daily numbers. They exist only with a staff chat to send them to; without STAFF_CHAT_ID the bot answers
 * from the knowledge base and does not offer what nobody would receive.
 */
export function wireFollowUps(
  config: Config,
  deps: { translate: Translate } & ObserverDeps,
): FollowUps | null {
  if (config.STAFF_CHAT_ID === undefined) {
    deps.logger.warn('STAFF_CHAT_ID is not set: follow-ups to staff are off');
    return null;
  }
  const { metrics, logger } = deps;
  const followUps = composeFollowUps({
    redisUrl: config.REDIS_URL,
    staffChatId: config.STAFF_CHAT_ID,
    staffLanguage: config.DEFAULT_LANGUAGE,
    remindAfterMinutes: config.FOLLOWUP_REMIND_MINUTES,
    translate: deps.translate,
    log: logger,
    observer: followUpObserver(deps),
  });
  metrics.sampleOpenTickets(() => followUps.openTickets());
  metrics.sampleQueueDepth(() => followUps.queueDepth());
  return followUps;
}
