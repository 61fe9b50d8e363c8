import { Queue, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../../logger.js';
import type { DeliveryRecords } from '../../app/follow-up/delivery-records.js';
import type { StaffJob, UserJob, WorkDispatcher, WorkItem } from '../../app/follow-up/work-items.js';
import { withTimeout } from '../../with-timeout.js';
import { JOB_OPTIONS } from './queue-config.js';

export interface FollowUpQueues {
  staff: Queue<StaffJob>;
  user: Queue<UserJob>;
}

/** Opens the two follow-up queues as producers; queue errors are logged at debug (the store reports outages). */
export function openFollowUpQueues(
  connection: ConnectionOptions,
  where: { names: { staff: string; user: string }; prefix: string },
  log: Logger,
): FollowUpQueues {
  const queues: FollowUpQueues = {
    staff: new Queue<StaffJob>(where.names.staff, { connection, prefix: where.prefix }),
    user: new Queue<UserJob>(where.names.user, { connection, prefix: where.prefix }),
  };
  for (const queue of [queues.staff, queues.user])
    queue.on('error', (err) => log.debug({ err, queue: queue.name }, 'queue producer error'));
  return queues;
}

/** Jobs per state over both queues (waiting, active, delayed, failed...), for the queue-depth gauge. */
export async function countJobsByState(queues: FollowUpQueues): Promise<Record<string, number>> {
  const counts = await Promise.all([queues.staff.getJobCounts(), queues.user.getJobCounts()]);
  const total: Record<string, number> = {};
  for (const count of counts)
    for (const [state, n] of Object.entries(count)) total[state] = (total[state] ?? 0) + n;
  return total;
}

export interface BullmqDispatcherOptions {
  queues: FollowUpQueues;
  delivery: Pick<DeliveryRecords, 'clearWork'>;
  /** A dispatch that does not finish in this time fails (the outbox keeps the work for the sweeper). */
  timeoutMs?: number;
}

/**
 * Puts work items on their BullMQ queue under their own job id (BullMQ ignores an id it already holds, so a
 * repeated dispatch adds nothing), then clears them from the outbox. Never waits long: when Redis is down a
 * BullMQ producer would wait for it, so the call gives up after `timeoutMs` and the sweeper dispatches later.
 */
export function createBullmqDispatcher(opts: BullmqDispatcherOptions): WorkDispatcher {
  const timeoutMs = opts.timeoutMs ?? 2_000;

  async function add(item: WorkItem): Promise<void> {
    const delay = item.runAt === undefined ? 0 : Math.max(0, item.runAt - Date.now());
    if (item.queue === 'staff') {
      await opts.queues.staff.add(item.job.name, item.job, { ...JOB_OPTIONS.staff, jobId: item.id, delay });
    } else {
      await opts.queues.user.add(item.job.name, item.job, { ...JOB_OPTIONS.user, jobId: item.id, delay });
    }
  }

  return {
    async dispatch(items, options = {}) {
      if (items.length === 0) return;
      await withTimeout(
        (async () => {
          await Promise.all(items.map(add));
          if (options.outboxed !== false) await opts.delivery.clearWork(items.map((item) => item.id));
        })(),
        timeoutMs,
        'queueing follow-up work',
      );
    },
  };
}
