import type { Redis } from 'ioredis';
import {
  countJobsByState,
  createBullmqDispatcher,
  openFollowUpQueues,
  type FollowUpQueues,
} from '../adapters/queue/bullmq-dispatcher.js';
import { warnUnlessNoEviction } from '../adapters/queue/eviction-policy-check.js';
import type { FollowUpWorkers } from '../adapters/queue/follow-up-workers.js';
import { queueNaming } from '../adapters/queue/queue-config.js';
import {
  connectInBackground,
  createQueueProducerConnection,
  createRedisConnection,
  untilReady,
} from '../adapters/redis/connection.js';
import { migrateToChannelKeys } from '../adapters/redis/ticket-key-migration.js';
import { RedisDeliveryRecords } from '../adapters/redis/ticket-delivery.js';
import { RedisStaffChatRecords } from '../adapters/redis/ticket-staff-chat.js';
import { RedisTicketStore } from '../adapters/redis/ticket-store.js';
import type { Feature } from '../app/feature.js';
import { createFollowUpFeature, createOfferFollowUp } from '../app/features/follow-up.js';
import type { OfferFollowUp } from '../app/features/question.js';
import { createClosedTicketFeature } from '../app/features/closed-ticket.js';
import { createConversationFeature } from '../app/features/conversation.js';
import { createClosedTickets } from '../app/follow-up/closed-tickets.js';
import { createStaffFeature } from '../app/features/staff.js';
import { createConversations } from '../app/follow-up/conversations.js';
import { createStaffActions, type StaffActions } from '../app/follow-up/staff-actions.js';
import { createTicketRequests, type TicketRequests } from '../app/follow-up/ticket-requests.js';
import type { FollowUpObserver, WorkDispatcher } from '../app/follow-up/work-items.js';
import type { Messenger } from '../app/types.js';
import type { Config } from '../config/env.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import { closeRedis } from '../runtime/close-redis.js';
import { withTimeout } from '../with-timeout.js';
import { followUpObserver, type FollowUpObserverDeps } from './follow-up-observer.js';
import {
  runFollowUpWorkers,
  type FollowUpWorkerSettings,
  type RunningFollowUpWorkers,
} from './follow-up-workers.js';

export interface FollowUpOptions extends FollowUpWorkerSettings {
  log: Logger;
  /** Isolates keys and queues (tests, benchmarks). */
  namespace?: string;
  /** Tickets created and answered: metrics and the knowledge-gap report. */
  observer?: FollowUpObserver;
}

export interface FollowUps {
  readonly store: RedisTicketStore;
  readonly staffChat: RedisStaffChatRecords;
  readonly delivery: RedisDeliveryRecords;
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
  const log = opts.log.child({ component: 'follow-up' });
  const naming = queueNaming(ns);
  const { staffChatId, staffLanguage } = opts;

  const prefix = `${ns}desk:{fu}:`;
  const storeRedis = connectTicketStore(opts.redisUrl, prefix, log);
  const producerRedis = createQueueProducerConnection(opts.redisUrl, {
    logger: log,
    name: 'desk-follow-up-producer',
  });
  const queues = openFollowUpQueues(producerRedis, naming, log);
  // The tickets, what the staff chat shows of them and what delivering their work keeps: one keyspace.
  const store = new RedisTicketStore({ redis: storeRedis, prefix });
  const staffChat = new RedisStaffChatRecords({ redis: storeRedis, staffChatId, prefix });
  const delivery = new RedisDeliveryRecords({ redis: storeRedis, staffChatId, prefix });
  const dispatcher = createBullmqDispatcher({ queues, delivery });
  const requests = createTicketRequests({ store, dispatcher, log, observer: opts.observer });
  const staffActions = createStaffActions({ store, staffChat, dispatcher, log, observer: opts.observer });
  let running: RunningFollowUpWorkers | undefined;

  async function startWorkers(messenger: Messenger): Promise<FollowUpWorkers> {
    const parts = { settings: opts, log, naming, store, staffChat, delivery, dispatcher, queues };
    running = runFollowUpWorkers(parts, messenger);
    return running.workers;
  }

  return {
    store,
    staffChat,
    delivery,
    requests,
    staffActions,
    queues,
    features: followUpFeatures(opts, { store, delivery, dispatcher, requests, staffActions, log }),
    offerFollowUp: createOfferFollowUp({ requests, staffLanguage }),
    startWorkers,
    openTickets: () => store.countOpen(),
    queueDepth: () => countJobsByState(queues),
    async whenReady(timeoutMs = 5_000) {
      if (!(await withTimeout(untilReady(storeRedis), timeoutMs, 'follow-up Redis')))
        throw new Error('follow-up Redis connection closed before it was ready');
    },
    async close() {
      await running?.stop();
      await Promise.all([queues.staff.close(), queues.user.close()]);
      await Promise.all(
        [storeRedis, producerRedis, running?.redis].map((redis) => redis && closeRedis(redis)),
      );
    },
  };
}

/**
 * The ticket store's connection, connecting in the background (requests fail fast until it is up). Once ready,
 * it warns when Redis could evict keys and moves the follow-up keys to the channel-scoped layout.
 */
function connectTicketStore(redisUrl: string, prefix: string, log: Logger): Redis {
  const redis = createRedisConnection(redisUrl, { logger: log, name: 'desk-follow-up' });
  connectInBackground(redis);
  redis.once('ready', () => {
    void warnUnlessNoEviction(redis, log);
    migrateToChannelKeys(redis, prefix, log).catch((err: unknown) =>
      log.error({ err }, 'follow-up keys not moved to the channel-scoped layout; retried at the next start'),
    );
  });
  return redis;
}

/** The follow-ups' features, in the order FollowUps.features gives. */
function followUpFeatures(
  opts: FollowUpOptions,
  parts: {
    store: RedisTicketStore;
    delivery: RedisDeliveryRecords;
    dispatcher: WorkDispatcher;
    requests: TicketRequests;
    staffActions: StaffActions;
    log: Logger;
  },
): Feature[] {
  const { store, delivery, dispatcher, requests, staffActions, log } = parts;
  const { staffChatId, staffLanguage, translate } = opts;
  const conversations = createConversations({ store, delivery, dispatcher, log });
  const closed = createClosedTickets({ store, dispatcher, requests, log, observer: opts.observer });
  return [
    createStaffFeature({ actions: staffActions, staffChatId, staffLanguage, translate }),
    createConversationFeature({ conversations, closed }),
    createClosedTicketFeature({ closed }),
    createFollowUpFeature({ requests, staffLanguage }),
  ];
}

/**
 * Follow-ups as this deployment runs them, with their metrics, their part of the knowledge-gap report and of
 * the daily numbers. They exist only with a staff chat to send them to; without STAFF_CHAT_ID the bot answers
 * from the knowledge base and does not offer what nobody would receive.
 */
export function wireFollowUps(
  config: Config,
  deps: { translate: Translate } & FollowUpObserverDeps & Pick<FollowUpOptions, 'namespace' | 'tuning'>,
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
    namespace: deps.namespace,
    tuning: deps.tuning,
    observer: followUpObserver(deps),
  });
  metrics.sampleOpenTickets(() => followUps.openTickets());
  metrics.sampleQueueDepth(() => followUps.queueDepth());
  return followUps;
}
