import type { Redis } from 'ioredis';
import type { FollowUpQueues } from '../adapters/queue/bullmq-dispatcher.js';
import {
  createFollowUpWorkers,
  limiterBudgetLeft,
  type FollowUpWorkers,
  type FollowUpWorkersOptions,
} from '../adapters/queue/follow-up-workers.js';
import { startOpenDigestClock } from '../adapters/queue/open-digest-clock.js';
import { createOutboxSweeper } from '../adapters/queue/outbox-sweeper.js';
import type { queueNaming } from '../adapters/queue/queue-config.js';
import { createQueueWorkerConnection } from '../adapters/redis/connection.js';
import type { RedisDeliveryRecords } from '../adapters/redis/ticket-delivery.js';
import type { RedisStaffChatRecords } from '../adapters/redis/ticket-staff-chat.js';
import type { RedisTicketStore } from '../adapters/redis/ticket-store.js';
import type { BoundTranslate } from '../app/feature.js';
import { createStaffForum } from '../app/follow-up/staff-forum.js';
import { createStaffPoster, type StaffPoster, type StaffPosterDeps } from '../app/follow-up/staff-poster.js';
import { createStaffTopics } from '../app/follow-up/staff-topics.js';
import { createUserRelay } from '../app/follow-up/user-relay.js';
import type { WorkDispatcher } from '../app/follow-up/work-items.js';
import type { Messenger } from '../app/types.js';
import { STAFF_PACING } from '../core/follow-up/staff-pacing.js';
import type { Language } from '../core/language/languages.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';

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

/** The deployment's follow-up settings the workers act on. */
export interface FollowUpWorkerSettings {
  redisUrl: string;
  staffChatId: number;
  /** The staff chat's language (DEFAULT_LANGUAGE). */
  staffLanguage: Language;
  /** FOLLOWUP_REMIND_MINUTES. */
  remindAfterMinutes: number;
  translate: Translate;
  tuning?: FollowUpTuning;
}

/** What the workers share with the rest of the follow-ups: the stored records, the dispatcher and the queues. */
export interface FollowUpWorkerParts {
  settings: FollowUpWorkerSettings;
  log: Logger;
  naming: ReturnType<typeof queueNaming>;
  store: RedisTicketStore;
  staffChat: RedisStaffChatRecords;
  delivery: RedisDeliveryRecords;
  dispatcher: WorkDispatcher;
  queues: FollowUpQueues;
}

export interface RunningFollowUpWorkers {
  readonly workers: FollowUpWorkers;
  /** The workers' own connection, closed with the follow-ups' other connections. */
  readonly redis: Redis;
  /** The digest clock, the sweeper, then the workers (jobs in progress finish or return to the queue). */
  stop(): Promise<void>;
}

/**
 * The staff poster, the user relay, their BullMQ workers on a connection of their own (patient: it waits a
 * Redis outage out), the outbox sweeper and the clock of the daily digest.
 */
export function runFollowUpWorkers(parts: FollowUpWorkerParts, messenger: Messenger): RunningFollowUpWorkers {
  const { settings, log, store, delivery, dispatcher, queues } = parts;
  const tuning = settings.tuning ?? {};
  const limiter = tuning.staffLimiter ?? { max: STAFF_PACING.max, duration: STAFF_PACING.durationMs };
  const redis = createQueueWorkerConnection(settings.redisUrl, {
    logger: log,
    name: 'desk-follow-up-worker',
  });
  const poster = startStaffPoster(parts, messenger, () => limiterBudgetLeft(redis, queues.staff, limiter));
  const relay = createUserRelay({
    store,
    delivery,
    messenger,
    translate: settings.translate,
    dispatcher,
    log,
  });
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
    delivery,
    dispatcher,
    queues,
    log,
    graceMs: tuning.sweepGraceMs,
    intervalMs: tuning.sweepIntervalMs,
  });
  sweeper.start();
  const digestClock = startOpenDigestClock({ dispatcher, log });
  return {
    workers,
    redis,
    async stop() {
      digestClock.stop();
      await sweeper.stop();
      await workers.close();
    },
  };
}

/**
 * The staff poster, in the staff chat's language, with the staff forum (its mode asked now, so that a missing
 * right is told before the first ticket) and the forum's topics.
 */
function startStaffPoster(
  parts: FollowUpWorkerParts,
  messenger: Messenger,
  messagesLeft: () => Promise<number>,
): StaffPoster {
  const { settings, log, store, staffChat, delivery, dispatcher } = parts;
  const { staffChatId } = settings;
  const t: BoundTranslate = (key, vars) => settings.translate(settings.staffLanguage, key, vars);
  const forum = createStaffForum({ messenger, staffChat, staffChatId, t, log });
  forum.start();
  return createStaffPoster({
    store,
    staffChat,
    delivery,
    messenger,
    messagesLeft,
    dispatcher,
    log,
    staffChatId,
    forum,
    topics: createStaffTopics({ store, staffChat, messenger, forum, staffChatId, dispatcher, log }),
    t,
    remindAfterMs: settings.remindAfterMinutes * 60_000,
    maxReminders: settings.tuning?.maxReminders,
    digestMax: settings.tuning?.digestMax,
  });
}
