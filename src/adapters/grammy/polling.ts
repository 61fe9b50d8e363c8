import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Api, Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { confirmOffset, drainIntake } from '../../runtime/drain-intake.js';
import { createInFlight } from '../../runtime/in-flight.js';
import { admitThenInOrder } from '../../runtime/update-flow.js';
import type { PollingOptions, UpdateIntake } from '../../runtime/update-intake.js';

/** grammY's AbortSignal type on Node (from its abort-controller shim), which the runner passes along. */
type ApiSignal = NonNullable<Parameters<Api['getUpdates']>[1]>;

/**
 * Long polling with @grammyjs/runner: updates of different chats are handled concurrently, those of one chat
 * in order (sequentialize on the chat, applied around the bot so that its middleware stays as it is). With a
 * flow, each update is admitted before it waits for its chat's earlier ones, and the runner's slots are held
 * only while the desk decides: replies wait in the flow's outbox. Removes any webhook first, since Telegram
 * refuses getUpdates while one is set.
 */
export function startRunnerPolling<C extends Context>(
  bot: Bot<C>,
  log: Logger,
  opts: PollingOptions = {},
): UpdateIntake {
  const take = admitThenInOrder<Update>(opts.flow, (update) => bot.handleUpdate(update));
  // The runner's stop() ends fetching but does not wait for its concurrent sink: updates are counted here.
  const inFlight = createInFlight();
  let handle: RunnerHandle | undefined;
  let stopping = false;
  let lastUpdateId: number | undefined;

  const started = (async () => {
    await bot.init();
    await bot.api.deleteWebhook({ drop_pending_updates: false });
    if (stopping) return;
    const getUpdates = updateFetcher(bot.api, log, (last) => (lastUpdateId = last));
    handle = startRunner(getUpdates, (update) => inFlight.track(take(update)), log, opts);
    log.info({ bot: bot.botInfo.username, allowedUpdates: ALLOWED_UPDATES }, 'long polling started (runner)');
  })();

  const finished = started.then(async () => {
    await handle?.task();
    if (!stopping) throw new Error('long polling ended by itself (token revoked, or another instance polls)');
  });

  return {
    started,
    finished,
    async stop() {
      stopping = true;
      await started.catch(() => undefined);
      await handle?.stop();
      await drainIntake(inFlight, log, 'long polling', opts.drainMs, opts.flow);
      const nextOffset = lastUpdateId === undefined ? undefined : lastUpdateId + 1;
      await confirmOffset(nextOffset, (args) => bot.api.getUpdates(args), log);
    },
  };
}

/** getUpdates as the runner calls it: its offset, batch size and long-poll timeout. */
type FetchUpdates = (
  args: { offset: number; limit: number; timeout: number },
  signal: ApiSignal,
) => Promise<Update[]>;

/**
 * getUpdates as the runner calls it, for ALLOWED_UPDATES. Passes the last update id of each batch to `taken`
 * (stop() confirms the offset past it) and logs a failure unless the runner aborted the call.
 */
function updateFetcher(api: Api, log: Logger, taken: (lastUpdateId: number) => void): FetchUpdates {
  return async (args, signal) => {
    try {
      const updates = await api.getUpdates({ ...args, allowed_updates: [...ALLOWED_UPDATES] }, signal);
      const last = updates.at(-1)?.update_id;
      if (last !== undefined) taken(last);
      return updates;
    } catch (err) {
      if (!signal.aborted) log.warn({ err }, 'getUpdates failed; retrying');
      throw err;
    }
  };
}

/** Starts the runner: at most `opts.concurrency` updates in its sink, long polls of `opts.timeoutSeconds`. */
function startRunner(
  getUpdates: FetchUpdates,
  handleUpdate: (update: Update) => Promise<void>,
  log: Logger,
  opts: PollingOptions,
): RunnerHandle {
  return run(
    {
      handleUpdate,
      errorHandler: (err: unknown) => log.error({ err }, 'update failed outside the error boundary'),
      api: { getUpdates },
    },
    {
      runner: { silent: true, fetch: { timeout: opts.timeoutSeconds ?? 30 } },
      sink: { concurrency: opts.concurrency ?? 100 },
    },
  );
}
