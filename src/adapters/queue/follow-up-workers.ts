import {
  DelayedError,
  UnrecoverableError,
  WaitingError,
  Worker,
  type Job,
  type Processor,
  type Queue,
  type RateLimiterOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { DeliveryError } from '../../app/delivery-error.js';
import { RELAY_WAIT_MS, RelayNotYetError } from '../../app/follow-up/relay-order.js';
import type { StaffPoster } from '../../app/follow-up/staff-poster.js';
import { FollowUpCorruptError } from '../../app/follow-up/ticket-store.js';
import type { UserRelay } from '../../app/follow-up/user-relay.js';
import { workIds, type StaffJob, type UserJob } from '../../app/follow-up/work-items.js';
import type { Logger } from '../../logger.js';
import { cappedExponentialBackoff, type BackoffOptions } from './backoff.js';

export interface FollowUpWorkersOptions {
  /** A connection for BullMQ workers: `maxRetriesPerRequest: null`, so that they wait out a Redis outage. */
  connection: Redis;
  names: { staff: string; user: string };
  prefix: string;
  /** The staff queue's producer: the worker rate-limits it after a 429 and takes digested tickets off it. */
  staffQueue: Queue<StaffJob>;
  /** The staff chat's pace: BullMQ lets at most `max` staff jobs start per `duration`, over all workers. */
  staffLimiter: RateLimiterOptions;
  poster: StaffPoster;
  relay: UserRelay;
  log: Logger;
  /** Relays in parallel per process (different users); staff posting is one at a time across all workers. */
  userConcurrency?: number;
  /** How long a job stays locked to a worker without renewal; a dead worker's job is taken over after it. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  backoff?: BackoffOptions;
}

export interface FollowUpWorkers {
  readonly staff: Worker<StaffJob>;
  readonly user: Worker<UserJob>;
  /** Stops taking jobs and waits for jobs in progress (or lets them return to the queue when `force`). */
  close(force?: boolean): Promise<void>;
}

/**
 * Puts a job whose next step needs a limiter slot of its own back at the head of its queue, without spending
 * an attempt (BullMQ's WaitingError contract): the limiter then starts it again when the pace allows.
 */
async function nextStep(job: Job, token: string | undefined): Promise<never> {
  await job.moveToWait(token);
  throw new WaitingError();
}

/** Reschedules a relay without spending an attempt (BullMQ's DelayedError contract). */
async function postpone(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/** Corrupt data does not heal with retries: such a job fails for good (BullMQ's UnrecoverableError). */
const finalIfCorrupt = (error: unknown): unknown =>
  error instanceof FollowUpCorruptError ? new UnrecoverableError(error.message) : error;

/**
 * How many more jobs the staff queue's limiter lets start in its current window: the limiter counts started
 * jobs under its key (this one included) until the window expires; after a 429 the key holds a huge count.
 */
export async function limiterBudgetLeft(
  redis: Redis,
  staffQueue: Queue<StaffJob>,
  limiter: RateLimiterOptions,
): Promise<number> {
  const started = Number((await redis.get(staffQueue.toKey('limiter'))) ?? 0);
  return Math.max(0, limiter.max - started);
}

/** Staff-chat work: one step of a job per limiter slot; a 429 rate-limits the whole queue. */
function staffProcessor(opts: FollowUpWorkersOptions): Processor<StaffJob> {
  return async (job, token) => {
    try {
      const outcome = await opts.poster.handle(job.data, job.id!);
      if (outcome.kind === 'continues') return nextStep(job, token);
      if (outcome.kind === 'posted' && job.data.name === 'announce')
        await withdrawAnnouncements(opts, outcome.announced, job.data.ticket);
      return outcome.kind;
    } catch (error) {
      if (error instanceof DeliveryError && error.status === 429) {
        await opts.staffQueue.rateLimit((error.retryAfter ?? 1) * 1000);
        throw Worker.RateLimitError();
      }
      if (error instanceof RelayNotYetError) return postpone(job, token, RELAY_WAIT_MS);
      throw finalIfCorrupt(error);
    }
  };
}

/** Removes the waiting announcements of tickets a digest already announced (this job's own is active). */
async function withdrawAnnouncements(
  opts: FollowUpWorkersOptions,
  announced: number[],
  current: number,
): Promise<void> {
  const others = announced.filter((n) => n !== current);
  try {
    await Promise.all(others.map((n) => opts.staffQueue.remove(workIds.announce(n))));
  } catch (err) {
    // Left in the queue, they find their ticket announced and skip: one limiter slot each, nothing worse.
    opts.log.warn({ err }, 'announcements of digested tickets left in the queue');
  }
}

/** Relays to users: 429 reschedules; a relay given up for good frees its ticket's line of relays. */
function userProcessor(opts: FollowUpWorkersOptions): Processor<UserJob> {
  return async (job, token) => {
    try {
      return await opts.relay.handle(job.data, job.id!);
    } catch (error) {
      if (error instanceof RelayNotYetError) return postpone(job, token, RELAY_WAIT_MS);
      if (!(error instanceof DeliveryError)) {
        // Given up for good (corrupt data, or Redis away through every attempt): free the ticket's line of
        // relays so that its later messages are not held behind this one forever.
        if (error instanceof FollowUpCorruptError || isLastAttempt(job))
          await opts.relay
            .giveUp(job.data, job.id!)
            .catch((err: unknown) =>
              opts.log.warn({ err, job: job.id }, 'relay line not freed; the sweeper will retry'),
            );
        throw finalIfCorrupt(error);
      }
      if (error.status === 429) return postpone(job, token, (error.retryAfter ?? 1) * 1000);
      if (!isLastAttempt(job)) throw error;
      await opts.relay.giveUp(job.data, job.id!);
      return 'gave-up';
    }
  };
}

/** Worker errors, failed attempts (final ones as errors) and stalled jobs, in the log. */
function logWorkerEvents(parent: Logger, role: 'staff' | 'user', worker: Worker): void {
  const log = parent.child({ queue: worker.name, role });
  worker.on('error', (err) => log.error({ err }, 'follow-up worker error'));
  worker.on('failed', (job, err) =>
    log[err instanceof UnrecoverableError ? 'error' : 'warn'](
      { job: job?.id, attempts: job?.attemptsMade, err: err.message },
      'follow-up job attempt failed',
    ),
  );
  worker.on('stalled', (jobId) =>
    log.warn({ job: jobId }, 'follow-up job stalled; another worker takes it over'),
  );
}

/**
 * Starts the two BullMQ workers of follow-ups. Staff-chat work runs at the limiter's pace, every message in a
 * slot of its own (a job of several steps goes back to the head of the queue between them); a 429 rate-limits
 * the whole staff queue for retry_after and puts the job back without spending an attempt; other errors retry
 * with capped backoff. A digest takes its other tickets' announcements off the queue, so that they do not
 * spend the staff chat's budget on nothing. Relays: 429 reschedules after retry_after; a permanent failure ends
 * inside the relay (undeliverable, staff told); the last failed attempt on transient errors is given up the same
 * way. Corrupt data fails a job of either kind for good.
 */
export function createFollowUpWorkers(opts: FollowUpWorkersOptions): FollowUpWorkers {
  const common = {
    connection: opts.connection,
    prefix: opts.prefix,
    lockDuration: opts.lockDurationMs ?? 30_000,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    maxStalledCount: 3,
    settings: { backoffStrategy: cappedExponentialBackoff(opts.backoff) },
  };
  const staff = new Worker<StaffJob>(opts.names.staff, staffProcessor(opts), {
    ...common,
    concurrency: 1,
    limiter: opts.staffLimiter,
  });
  const user = new Worker<UserJob>(opts.names.user, userProcessor(opts), {
    ...common,
    concurrency: opts.userConcurrency ?? 8,
  });
  logWorkerEvents(opts.log, 'staff', staff);
  logWorkerEvents(opts.log, 'user', user);
  return {
    staff,
    user,
    async close(force = false) {
      await Promise.all([staff.close(force), user.close(force)]);
    },
  };
}
