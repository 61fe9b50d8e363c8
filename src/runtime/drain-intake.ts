import type { Logger } from '../logger.js';
import type { InFlight } from './in-flight.js';

/** How long stop() waits for updates in flight by default: under the 10 s shutdown deadline. */
export const DEFAULT_DRAIN_MS = 8_000;

/**
 * Waits for the updates an intake already took, then for their replies still waiting to go out (`replies`,
 * the update flow's outbox), at most `drainMs` in all (default 8 s), and logs whether they all finished;
 * `intake` names it in the log ("long polling", "webhook intake").
 */
export async function drainIntake(
  inFlight: InFlight,
  log: Logger,
  intake: string,
  drainMs = DEFAULT_DRAIN_MS,
  replies?: { drained(timeoutMs: number): Promise<boolean> },
): Promise<void> {
  const deadline = Date.now() + drainMs;
  const updatesDone = await inFlight.drained(drainMs);
  const repliesDone = updatesDone && (await (replies?.drained(deadline - Date.now()) ?? true));
  if (repliesDone) log.info(`${intake} stopped; updates in flight are done`);
  else if (!updatesDone)
    log.warn({ inFlight: inFlight.size() }, `${intake} stopped with updates still running`);
  else log.warn(`${intake} stopped with replies still waiting to be sent`);
}

/**
 * Telegram forgets updates only when a later getUpdates names a higher offset; without this, a batch taken
 * just before stop would be delivered again after a restart and answered twice. `nextOffset` is the last
 * update_id taken plus one, or undefined when none was taken. Failures are logged, never thrown.
 */
export async function confirmOffset(
  nextOffset: number | undefined,
  getUpdates: (args: { offset: number; limit: number; timeout: number }) => Promise<unknown>,
  log: Logger,
): Promise<void> {
  if (nextOffset === undefined) return;
  await getUpdates({ offset: nextOffset, limit: 1, timeout: 0 }).catch((err: unknown) => {
    log.warn({ err }, 'could not confirm the last updates; they may be delivered again');
  });
}
