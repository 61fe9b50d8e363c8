import type { DeliveryRecords } from '../../app/follow-up/delivery-records.js';
import { workIds, type WorkDispatcher, type WorkItem } from '../../app/follow-up/work-items.js';
import type { Logger } from '../../logger.js';
import type { FollowUpQueues } from './bullmq-dispatcher.js';

export interface OutboxSweeperOptions {
  delivery: Pick<DeliveryRecords, 'pendingWork' | 'staleBacklog'>;
  dispatcher: WorkDispatcher;
  queues: FollowUpQueues;
  log: Logger;
  /** Work younger than this is left to the request that wrote it. */
  graceMs?: number;
  intervalMs?: number;
}

export interface OutboxSweeper {
  /** One pass: dispatches outbox work and re-queues announcements whose job went missing or failed. */
  sweep(): Promise<{ work: number; announcements: number }>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The safety net behind "never lose one": state changes write their work to an outbox atomically, and this
 * dispatches whatever the writer could not (Redis went down between the two steps, the process died). Tickets
 * still waiting for their announcement get their job back if it vanished or failed for good.
 */
export function createOutboxSweeper(opts: OutboxSweeperOptions): OutboxSweeper {
  const graceMs = opts.graceMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function sweep() {
    const now = Date.now();
    const work = await opts.delivery.pendingWork(graceMs, now, 500);
    if (work.length > 0) await opts.dispatcher.dispatch(work);
    const announcements = await announcementsToRestore(opts, graceMs, now);
    if (announcements.length > 0) await opts.dispatcher.dispatch(announcements, { outboxed: false });
    if (work.length + announcements.length > 0) {
      opts.log.warn(
        { work: work.length, announcements: announcements.length },
        'outbox sweeper dispatched left-over work',
      );
    }
    return { work: work.length, announcements: announcements.length };
  }

  return {
    sweep,
    start() {
      timer = setInterval(() => {
        running = sweep().catch((err: unknown) =>
          opts.log.debug({ err }, 'outbox sweep failed; next pass retries'),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The announcements to dispatch again, of tickets waiting longer than `graceMs` for theirs: those whose job
 * vanished or completed. A job that failed for good is retried in place; one still queued or running is left.
 */
async function announcementsToRestore(
  opts: Pick<OutboxSweeperOptions, 'delivery' | 'queues'>,
  graceMs: number,
  now: number,
): Promise<WorkItem[]> {
  const stale = await opts.delivery.staleBacklog(graceMs, now, 200);
  const restore: WorkItem[] = [];
  for (const number of stale) {
    const id = workIds.announce(number);
    const job = await opts.queues.staff.getJob(id);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed') await job!.retry('failed');
    else if (state === 'missing' || state === 'unknown')
      restore.push({ id, queue: 'staff', job: { name: 'announce', ticket: number } });
    else if (state === 'completed') {
      // Completed yet still in the backlog: announce under a fresh id rather than leave it unseen.
      restore.push({ id: `${id}-again-${now}`, queue: 'staff', job: { name: 'announce', ticket: number } });
    }
  }
  return restore;
}
