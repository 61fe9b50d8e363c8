// sequentialize is the same per-key ordering the grammY runner uses; it is a plain function of an update.
import { sequentialize } from '@grammyjs/runner';
import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { createInFlight } from '../../runtime/in-flight.js';
import { updateOrderKey } from '../../runtime/update-order-key.js';
import type { UpdateIntake } from '../../runtime/bot-transport.js';

export type { UpdateIntake };

export interface TelegrafPollingOptions {
  /** Updates handled at once across chats; one chat's updates always run one after another. Default 100. */
  concurrency?: number;
  /** How long stop() waits for updates in flight; default 8 s (the shutdown deadline is 10 s). */
  drainMs?: number;
  /** Long-poll timeout in seconds; default 30. */
  timeoutSeconds?: number;
}

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
 * handled concurrently, those of one chat in order, and stop() waits for the updates taken. telegraf's own
 * `launch()` is not used because it handles a batch all at once, out of order within a chat, and polls again
 * only once the whole batch is done. Removes any webhook first, since Telegram refuses getUpdates while one
 * is set.
 */
export function startTelegrafPolling(
  bot: Telegraf,
  log: Logger,
  opts: TelegrafPollingOptions = {},
): UpdateIntake {
  const inOrder = sequentialize<Update>(updateOrderKey);
  const inFlight = createInFlight();
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  const concurrency = opts.concurrency ?? 100;
  let stopping = false;
  let offset = 0;

  const take = async (update: Update) => {
    while (running.size >= concurrency) await Promise.race(running);
    const work = inFlight
      .track(inOrder(update, () => bot.handleUpdate(update)))
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

  // Telegram forgets updates only when a later getUpdates names a higher offset; without this, a batch taken
  // just before stop would be delivered again after a restart and answered twice.
  const confirmOffset = async () => {
    if (offset === 0) return;
    await bot.telegram.callApi('getUpdates', { offset, limit: 1, timeout: 0 }).catch((err: unknown) => {
      log.warn({ err }, 'could not confirm the last updates; they may be delivered again');
    });
  };

  return {
    started,
    finished,
    async stop() {
      stopping = true;
      abort.abort();
      await finished.catch(() => undefined);
      const drained = await inFlight.drained(opts.drainMs ?? 8_000);
      if (drained) log.info('long polling stopped; updates in flight are done');
      else log.warn({ inFlight: inFlight.size() }, 'long polling stopped with updates still running');
      await confirmOffset();
    },
  };
}
