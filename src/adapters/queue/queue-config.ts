import type { JobsOptions } from 'bullmq';

/**
 * Queue names and BullMQ key prefix; `namespace` lets tests and benchmarks run side by side on one Redis. The
 * prefix's hash tag keeps each queue's keys in one Redis Cluster slot, as BullMQ requires there.
 */
export function queueNaming(namespace = '') {
  // BullMQ refuses ':' in queue names.
  const ns = namespace.replace(/:/g, '-');
  return {
    names: { staff: `${ns}followup-staff`, user: `${ns}followup-user` },
    prefix: namespace ? `{${namespace}desk}` : '{desk}',
  } as const;
}

/** Name of the backoff strategy registered on the workers (see backoff.ts). */
export const BACKOFF_TYPE = 'capped-exponential';

/**
 * Staff-chat work must not be lost to a long Telegram or configuration outage, so it retries (with capped
 * backoff) practically for ever; relays to users give up after about three quarters of an hour and staff are
 * told. Finished jobs are kept a day so that a repeated job id is still recognised as the same job.
 */
export const JOB_OPTIONS: Record<'staff' | 'user', JobsOptions> = {
  staff: {
    attempts: 10_000,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: 24 * 3600, count: 20_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  user: {
    attempts: 12,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: 24 * 3600, count: 20_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
};
