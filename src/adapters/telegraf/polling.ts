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
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  const concurrency = opts.concurrency ?? 100;
  let stopping = false;
  let offset = 0;

  const take = async (update: Update) => {
    while (running.size >= concurrency) await Promise.race(running);
    const work = inFlight
      .track(admitAndHandle(update))
      .catch((err: unknown) =>
        log.error({ err, update_id: update.update_id }, 'update failed outside the error boundary'),
      )
      .finally(() => running.delete(work));
    running.add(work);
  };

  const fetchUpdates = () =>
    bot.telegram.callApi(
      'getUpdates',
      { offset, limit: 100, timeout: opts.timeoutSeconds ?? 30, allowed_updates: [...ALLOWED_UPDATES] },
      // telegraf types the signal with its abort-controller shim; node-fetch accepts Node's own.
      { signal: abort.signal as never },
    );

  const poll = async () => {
    for (let failures = 0; !stopping;) {
      let updates: Update[];
      try {
        updates = await fetchUpdates();
        failures = 0;
      } catch (err) {
        if (stopping) return;
        if (isFatal(err)) throw err;
        failures += 1;
        const retryAfter = err instanceof TelegramError ? err.parameters?.retry_after : undefined;
        log.warn({ err, failures }, 'getUpdates failed; retrying');
        await pause(retryAfter ? retryAfter * 1000 : Math.min(30_000, 250 * 2 ** failures), abort.signal);
        continue;
      }
      for (const update of updates) {
        offset = update.update_id + 1;
        await take(update);
      }
    }
  };

  const started = (async () => {
    bot.botInfo ??= await bot.telegram.getMe();
    await bot.telegram.deleteWebhook({ drop_pending_updates: false });
    log.info(
      { bot: bot.botInfo.username, allowedUpdates: ALLOWED_UPDATES },
      'long polling started (telegraf)',
    );
  })();

  const finished = started.then(poll).then(() => {
    if (!stopping) throw new Error('long polling ended by itself');
  });

  return {
    started,
    finished,
    async stop() {
      stopping = true;
      abort.abort();
      await finished.catch(() => undefined);
      await drainIntake(inFlight, log, 'long polling', opts.drainMs, opts.flow);
      // offset 0: no update was taken, nothing to confirm.
      await confirmOffset(offset || undefined, (args) => bot.telegram.callApi('getUpdates', args), log);
    },
  };
}
