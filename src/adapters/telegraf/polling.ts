import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { confirmOffset, drainIntake } from '../../runtime/drain-intake.js';
import { createInFlight } from '../../runtime/in-flight.js';
import { admitThenInOrder } from '../../runtime/update-flow.js';
import type { PollingOptions, UpdateIntake } from '../../runtime/update-intake.js';

/** 401: the token is revoked; 409: another instance polls, or a webhook is set. Retrying cannot help. */
const isFatal = (err: unknown) => err instanceof TelegramError && (err.code === 401 || err.code === 409);

/** Waits `ms`, or less if the signal aborts first. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Long polling for telegraf with the same behaviour as the grammY runner: updates of different chats are
 * handled concurrently, those of one chat in order (each admitted first by the flow, when there is one), and
 * stop() waits for the updates taken and their replies. telegraf's own `launch()` is not used because it
 * handles a batch all at once, out of order within a chat, and polls again only once the whole batch is done.
 * Removes any webhook first, since Telegram refuses getUpdates while one is set.
 */
export function startTelegrafPolling(bot: Telegraf, log: Logger, opts: PollingOptions = {}): UpdateIntake {
  const admitAndHandle = admitThenInOrder<Update>(opts.flow, (update) => bot.handleUpdate(update));
  const inFlight = createInFlight();
  const take = limitConcurrency(
    opts.concurrency ?? 100,
    (update) => inFlight.track(admitAndHandle(update)),
    log,
  );
  const state: PollingState = { stopping: false, offset: 0, abort: new AbortController() };

  const started = (async () => {
    bot.botInfo ??= await bot.telegram.getMe();
    await bot.telegram.deleteWebhook({ drop_pending_updates: false });
    log.info(
      { bot: bot.botInfo.username, allowedUpdates: ALLOWED_UPDATES },
      'long polling started (telegraf)',
    );
  })();

  const finished = started
    .then(() => pollUntilStopped(bot, log, state, take, opts.timeoutSeconds ?? 30))
    .then(() => {
      if (!state.stopping) throw new Error('long polling ended by itself');
    });

  return {
    started,
    finished,
    async stop() {
      state.stopping = true;
      state.abort.abort();
      await finished.catch(() => undefined);
      await drainIntake(inFlight, log, 'long polling', opts.drainMs, opts.flow);
      // offset 0: no update was taken, nothing to confirm.
      await confirmOffset(state.offset || undefined, (args) => bot.telegram.callApi('getUpdates', args), log);
    },
  };
}

/** What the getUpdates loop shares with stop(). */
interface PollingState {
  stopping: boolean;
  /** The update id to ask for next: one past the last update taken, 0 before the first. */
  offset: number;
  /** Cancels the getUpdates call and the pause before a retry. */
  abort: AbortController;
}

/**
 * Starts `handle` on each update taken, at most `concurrency` at once: taking waits for a free slot, so that
 * polling pauses while every slot is busy.
 */
function limitConcurrency(
  concurrency: number,
  handle: (update: Update) => Promise<void>,
  log: Logger,
): (update: Update) => Promise<void> {
  const running = new Set<Promise<void>>();
  return async (update) => {
    while (running.size >= concurrency) await Promise.race(running);
    const work = handle(update)
      .catch((err: unknown) =>
        log.error({ err, update_id: update.update_id }, 'update failed outside the error boundary'),
      )
      .finally(() => running.delete(work));
    running.add(work);
  };
}

/**
 * Calls getUpdates until stopping, taking the updates of each batch in order. A failed call is retried after a
 * pause (Telegram's retry_after, else a growing backoff up to 30 s), unless retrying cannot help (isFatal).
 */
async function pollUntilStopped(
  bot: Telegraf,
  log: Logger,
  state: PollingState,
  take: (update: Update) => Promise<void>,
  timeoutSeconds: number,
): Promise<void> {
  for (let failures = 0; !state.stopping;) {
    let updates: Update[];
    try {
      updates = await bot.telegram.callApi(
        'getUpdates',
        { offset: state.offset, limit: 100, timeout: timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
        // telegraf types the signal with its abort-controller shim; node-fetch accepts Node's own.
        { signal: state.abort.signal as never },
      );
      failures = 0;
    } catch (err) {
      if (state.stopping) return;
      if (isFatal(err)) throw err;
      failures += 1;
      const retryAfter = err instanceof TelegramError ? err.parameters?.retry_after : undefined;
      log.warn({ err, failures }, 'getUpdates failed; retrying');
      await pause(retryAfter ? retryAfter * 1000 : Math.min(30_000, 250 * 2 ** failures), state.abort.signal);
      continue;
    }
    for (const update of updates) {
      state.offset = update.update_id + 1;
      await take(update);
    }
  }
}
