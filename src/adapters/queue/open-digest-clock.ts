import type { WorkDispatcher } from '../../app/follow-up/work-items.js';
import type { Logger } from '../../logger.js';

/** The staff chat's morning list of open tickets: at 09:00 in Shandong. */
const DIGEST_HOUR = 9;
const DIGEST_TIME_ZONE = 'Asia/Shanghai';
const CHECK_EVERY_MS = 60_000;

const localDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: DIGEST_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** "2025-03-14" and the hour, on the digest's clock. */
function clockOf(at: number): { day: string; hour: number } {
  const parts = Object.fromEntries(localDay.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * Queues the day's digest of open tickets once it is past 09:00, under a job id made of the date: every
 * worker process checks, and BullMQ keeps one job per id, so the chat gets one digest a day whoever checks.
 */
export function startOpenDigestClock(deps: { dispatcher: WorkDispatcher; log: Logger; now?: () => number }) {
  const now = deps.now ?? Date.now;
  async function check(): Promise<void> {
    const { day, hour } = clockOf(now());
    if (hour < DIGEST_HOUR) return;
    await deps.dispatcher.dispatch(
      [{ id: `open-digest-${day}`, queue: 'staff', job: { name: 'open-digest' } }],
      {
        outboxed: false,
      },
    );
  }
  const tick = () =>
    void check().catch((err: unknown) =>
      deps.log.debug({ err }, 'daily digest not queued; next check retries'),
    );
  const timer = setInterval(tick, CHECK_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
