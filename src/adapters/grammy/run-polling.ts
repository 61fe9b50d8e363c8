import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { Api, Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { createInFlight } from '../../runtime/in-flight.js';
import { updateOrderKey } from '../../runtime/update-order-key.js';

/** A running source of updates (long polling or a webhook), as main.ts and shutdown see it. */
export interface UpdateIntake {
  /** Resolves once updates flow (getMe done, webhook set or removed); rejects if that failed. */
  readonly started: Promise<void>;
  /** Resolves after stop(); rejects when the intake ends by itself (a revoked token, a second poller). */
  readonly finished: Promise<void>;
  /** Stops taking updates and resolves once the updates already taken are handled (or `drainMs` passed). */
  stop(): Promise<void>;
}

/** grammY's AbortSignal type on Node (from its abort-controller shim), which the runner passes along. */
type ApiSignal = NonNullable<Parameters<Api['getUpdates']>[1]>;

export interface RunnerPollingOptions {
  /** Updates handled at once across chats; one chat's updates always run one after another. Default 100. */
  concurrency?: number;
  /** How long stop() waits for updates in flight; default 8 s (the shutdown deadline is 10 s). */
  drainMs?: number;
  /** Long-poll timeout in seconds; default 30. */
  timeoutSeconds?: number;
}

/**
 * Long polling with @grammyjs/runner: updates of different chats are handled concurrently, those of one chat
 * in order (sequentialize on the chat, applied around the bot so that its middleware stays as it is). Removes
 * any webhook first, since Telegram refuses getUpdates while one is set.
 */
export function startRunnerPolling<C extends Context>(
  bot: Bot<C>,
  log: Logger,
  opts: RunnerPollingOptions = {},
): UpdateIntake {
  const inOrder = sequentialize<Update>(updateOrderKey);
  // The runner's stop() ends fetching but does not wait for its concurrent sink: updates are counted here.
  const inFlight = createInFlight();
  let handle: RunnerHandle | undefined;
  let stopping = false;
  let lastUpdateId: number | undefined;

  const fetchUpdates = async (
    args: { offset: number; limit: number; timeout: number },
    signal: ApiSignal,
  ) => {
    try {
      const updates = await bot.api.getUpdates({ ...args, allowed_updates: [...ALLOWED_UPDATES] }, signal);
      lastUpdateId = updates.at(-1)?.update_id ?? lastUpdateId;
      return updates;
    } catch (err) {
      if (!signal.aborted) log.warn({ err }, 'getUpdates failed; retrying');
      throw err;
    }
  };

  const started = (async () => {
    await bot.init();
    await bot.api.deleteWebhook({ drop_pending_updates: false });
    if (stopping) return;
    handle = run(
      {
        handleUpdate: (update: Update) => inFlight.track(inOrder(update, () => bot.handleUpdate(update))),
        errorHandler: (err: unknown) => log.error({ err }, 'update failed outside the error boundary'),
        api: { getUpdates: fetchUpdates },
      },
      {
        runner: { silent: true, fetch: { timeout: opts.timeoutSeconds ?? 30 } },
        sink: { concurrency: opts.concurrency ?? 100 },
      },
    );
    log.info({ bot: bot.botInfo.username, allowedUpdates: ALLOWED_UPDATES }, 'long polling started (runner)');
  })();

  const finished = started.then(async () => {
    await handle?.task();
    if (!stopping) throw new Error('long polling ended by itself (token revoked, or another instance polls)');
  });

  // Telegram forgets updates only when a later getUpdates names a higher offset; without this, a batch taken
  // just before stop would be delivered again after a restart and answered twice.
  const confirmOffset = async () => {
    if (lastUpdateId === undefined) return;
    await bot.api.getUpdates({ offset: lastUpdateId + 1, limit: 1, timeout: 0 }).catch((err: unknown) => {
      log.warn({ err }, 'could not confirm the last updates; they may be delivered again');
    });
  };

  return {
    started,
    finished,
    async stop() {
      stopping = true;
      await started.catch(() => undefined);
      await handle?.stop();
      const drained = await inFlight.drained(opts.drainMs ?? 8_000);
      if (drained) log.info('long polling stopped; updates in flight are done');
      else log.warn({ inFlight: inFlight.size() }, 'long polling stopped with updates still running');
      await confirmOffset();
    },
  };
}
