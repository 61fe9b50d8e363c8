import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DeliveryError } from '../../app/delivery-error.js';
import type { StaffPacer } from '../../app/follow-up/staff-pacer.js';
import type { StaffPoster } from '../../app/follow-up/staff-poster.js';
import type { UserRelay } from '../../app/follow-up/user-relay.js';
import type { StaffJob, UserJob } from '../../app/follow-up/work-items.js';
import type { Logger } from '../../logger.js';
import { cappedExponentialBackoff, type BackoffOptions } from './backoff.js';

export interface FollowUpWorkersOptions {
  /** A connection for BullMQ workers: `maxRetriesPerRequest: null`, so that they wait out a Redis outage. */
  connection: Redis;
  names: { staff: string; user: string };
  prefix: string;
  poster: StaffPoster;
  relay: UserRelay;
  pacer: StaffPacer;
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

/** Reschedules the job without spending an attempt (BullMQ's DelayedError contract). */
async function postpone(job: Job, token: string | undefined, ms: number): Promise<never> {
  await job.moveToDelayed(Date.now() + ms, token);
  throw new DelayedError();
}

const isLastAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/**
 * Starts the two BullMQ workers of follow-ups. Staff-chat work: 429 puts the whole staff chat on hold for
 * retry_after and reschedules; other errors retry with capped backoff. Relays: 429 reschedules after
 * retry_after; a permanent failure ends inside the relay (undeliverable, staff told); the last failed attempt
 * on transient errors is given up the same way.
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

  const staff = new Worker<StaffJob>(
    opts.names.staff,
    async (job, token) => {
      try {
        const outcome = await opts.poster.handle(job.data);
        if (outcome.kind === 'wait') return await postpone(job, token, outcome.ms);
        return outcome.kind;
      } catch (error) {
        if (error instanceof DeliveryError && error.status === 429) {
          const ms = (error.retryAfter ?? 1) * 1000;
          await opts.pacer.holdFor(ms);
          return postpone(job, token, ms);
        }
        throw error;
      }
    },
    { ...common, concurrency: 1 },
  );

  const user = new Worker<UserJob>(
    opts.names.user,
    async (job, token) => {
      try {
        return await opts.relay.handle(job.data, job.id!);
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        if (error.status === 429) return postpone(job, token, (error.retryAfter ?? 1) * 1000);
        if (!isLastAttempt(job)) throw error;
        await opts.relay.giveUp(job.data, job.id!);
        return 'gave-up';
      }
    },
    { ...common, concurrency: opts.userConcurrency ?? 8 },
  );

  for (const [role, worker] of [
    ['staff', staff],
    ['user', user],
  ] as const) {
    const log = opts.log.child({ queue: worker.name, role });
    worker.on('error', (err) => log.error({ err }, 'follow-up worker error'));
    worker.on('failed', (job, err) =>
      log.warn(
        { job: job?.id, attempts: job?.attemptsMade, err: err.message },
        'follow-up job attempt failed',
      ),
    );
    worker.on('stalled', (jobId) =>
      log.warn({ job: jobId }, 'follow-up job stalled; another worker takes it over'),
    );
  }

  return {
    staff,
    user,
    async close(force = false) {
      await Promise.all([staff.close(force), user.close(force)]);
    },
  };
}
