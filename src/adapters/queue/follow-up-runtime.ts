import { Queue } from 'bullmq';
import { createRedisFromUrl } from '../../runtime/redis-from-url.js';
import type { Redis } from 'ioredis';
import { STAFF_PACING } from '../../core/follow-up/staff-pacing.js';
import type { Language } from '../../core/language/languages.js';
import { createStaffActions, type StaffActions } from '../../app/follow-up/staff-actions.js';
import { createStaffPoster } from '../../app/follow-up/staff-poster.js';
import { createTicketRequests, type TicketRequests } from '../../app/follow-up/ticket-requests.js';
import { createUserRelay } from '../../app/follow-up/user-relay.js';
import type { FollowUpObserver, StaffJob, UserJob, WorkDispatcher } from '../../app/follow-up/work-items.js';
import type { Messenger } from '../../app/types.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import { closeRedis } from '../../runtime/close-redis.js';
import { withTimeout } from '../../with-timeout.js';
import { connectInBackground, createRedisConnection, reconnectDelay } from '../redis/connection.js';
import { ticketKeys } from '../redis/ticket-keys.js';
import { RedisTicketStore } from '../redis/ticket-store.js';
import type { BackoffOptions } from './backoff.js';
import { createBullmqDispatcher, type FollowUpQueues } from './bullmq-dispatcher.js';
import { warnUnlessNoEviction } from './eviction-policy-check.js';
import { createFollowUpWorkers, type FollowUpWorkers } from './follow-up-workers.js';
import { createOutboxSweeper, type OutboxSweeper } from './outbox-sweeper.js';
import { DEFAULT_QUEUE_PREFIX, queueNames } from './queue-config.js';
import { createRedisStaffPacer } from './redis-staff-pacer.js';

export interface FollowUpRuntimeOptions {
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
  /** Tickets created and answered, for metrics. */
  observer?: FollowUpObserver;
  tuning?: FollowUpTuning;
}

/** Knobs with production defaults; tests shorten the times. */
export interface FollowUpTuning {
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  sweepIntervalMs?: number;
  sweepGraceMs?: number;
  backoff?: BackoffOptions;
  /** Staff-chat pacing; the default is Telegram's group limit (STAFF_PACING). */
  staffPacing?: { perMinute: number; burst: number };
  digestMax?: number;
  userConcurrency?: number;
  maxReminders?: number;
}

export interface FollowUpRuntime {
  readonly store: RedisTicketStore;
  readonly requests: TicketRequests;
  readonly staffActions: StaffActions;
  readonly dispatcher: WorkDispatcher;
  readonly queues: FollowUpQueues;
  /**
   * Runs the workers and the outbox sweeper in this process (ROLE=all or ROLE=worker; several processes may
   * do so at once). Give it a Messenger over an Api without auto-retry: the queue owns retries.
   */
  startWorkers(messenger: Messenger): Promise<FollowUpWorkers>;
  /** Open tickets, for the metrics gauge. */
  openTickets(): Promise<number>;
  /** Jobs per state over both queues (waiting, active, delayed, failed...), for the queue-depth gauge. */
  queueDepth(): Promise<Record<string, number>>;
  /** Resolves once the store's connection is up (start-up and tests; requests fail fast until then). */
  whenReady(timeoutMs?: number): Promise<void>;
  /** Workers first (jobs in progress finish or return to the queue), then queues and connections. */
  close(): Promise<void>;
}

/**
 * Builds follow-ups over one Redis: the ticket store and the queue producers (fail fast: a user waiting on a
 * confirmation never waits for a Redis outage), and on demand the workers (patient: they wait Redis out).
 * Warns at start-up when Redis could evict keys.
 */
export function createFollowUpRuntime(opts: FollowUpRuntimeOptions): FollowUpRuntime {
  const ns = opts.namespace ?? '';
  const tuning = opts.tuning ?? {};
  const log = opts.log.child({ component: 'follow-up' });
  const keyPrefix = `${ns}desk:{fu}:`;
  const keys = ticketKeys(keyPrefix);
  const prefix = ns ? `{${ns}desk}` : DEFAULT_QUEUE_PREFIX;
  const names = queueNames(ns);

  const storeRedis = createRedisConnection(opts.redisUrl, { logger: log, name: 'desk-follow-up' });
  connectInBackground(storeRedis);
  storeRedis.once('ready', () => void warnUnlessNoEviction(storeRedis, log));
  const producerRedis = createRedisFromUrl(opts.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: reconnectDelay,
    connectionName: 'desk-follow-up-producer',
  });
  producerRedis.on('error', () => undefined); // the store's connection reports outages once
  const queues: FollowUpQueues = {
    staff: new Queue<StaffJob>(names.staff, { connection: producerRedis, prefix }),
    user: new Queue<UserJob>(names.user, { connection: producerRedis, prefix }),
  };
  for (const queue of [queues.staff, queues.user])
    queue.on('error', (err) => log.debug({ err }, 'queue producer error'));

  const store = new RedisTicketStore({ redis: storeRedis, staffChatId: opts.staffChatId, prefix: keyPrefix });
  const dispatcher = createBullmqDispatcher({ queues, store });
  const requests = createTicketRequests({ store, dispatcher, log, observer: opts.observer });
  const staffActions = createStaffActions({ store, dispatcher, log, observer: opts.observer });
  const running: { workers?: FollowUpWorkers; sweeper?: OutboxSweeper; redis?: Redis } = {};

  async function startWorkers(messenger: Messenger): Promise<FollowUpWorkers> {
    const workerRedis = createRedisFromUrl(opts.redisUrl, {
      maxRetriesPerRequest: null,
      retryStrategy: reconnectDelay,
      connectionName: 'desk-follow-up-worker',
    });
    workerRedis.on('error', () => undefined);
    const pacer = createRedisStaffPacer({
      redis: workerRedis,
      tatKey: keys.staffPace,
      holdKey: keys.staffHold,
      perMinute: tuning.staffPacing?.perMinute ?? STAFF_PACING.perMinute,
      burst: tuning.staffPacing?.burst ?? STAFF_PACING.burst,
    });
    const t = (key: string, vars?: Record<string, unknown>) => opts.translate(opts.staffLanguage, key, vars);
    const poster = createStaffPoster({
      store,
      messenger,
      pacer,
      dispatcher,
      staffChatId: opts.staffChatId,
      t,
      remindAfterMs: opts.remindAfterMinutes * 60_000,
      maxReminders: tuning.maxReminders,
      digestMax: tuning.digestMax,
    });
    const relay = createUserRelay({ store, messenger, translate: opts.translate, dispatcher, log });
    // Staff posts go one at a time over all workers, so that pacing and digests never race. Not awaited: a
    // Redis that is down at start-up must not hold the process (the producer applies it once connected).
    queues.staff
      .setGlobalConcurrency(1)
      .catch((err: unknown) => log.warn({ err }, 'staff queue concurrency not set'));
    const workers = createFollowUpWorkers({
      connection: workerRedis,
      names,
      prefix,
      poster,
      relay,
      pacer,
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
    Object.assign(running, { workers, sweeper, redis: workerRedis });
    return workers;
  }

  return {
    store,
    requests,
    staffActions,
    dispatcher,
    queues,
    startWorkers,
    openTickets: () => store.countOpen(),
    async queueDepth() {
      const counts = await Promise.all([queues.staff.getJobCounts(), queues.user.getJobCounts()]);
      const total: Record<string, number> = {};
      for (const count of counts)
        for (const [state, n] of Object.entries(count)) total[state] = (total[state] ?? 0) + n;
      return total;
    },
    async whenReady(timeoutMs = 5_000) {
      if (storeRedis.status === 'ready') return;
      await withTimeout(
        new Promise((resolve) => storeRedis.once('ready', resolve)),
        timeoutMs,
        'follow-up Redis',
      );
    },
    async close() {
      await running.sweeper?.stop();
      await running.workers?.close();
      await Promise.all([queues.staff.close(), queues.user.close()]);
      await Promise.all([
        closeRedis(storeRedis),
        closeRedis(producerRedis),
        running.redis && closeRedis(running.redis),
      ]);
    },
  };
}
