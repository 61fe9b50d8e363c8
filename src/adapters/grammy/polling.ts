import type { Bot } from 'grammy';
import type { Logger } from '../../logger.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';

export interface Polling {
  /** Resolves once polling runs (getMe and deleteWebhook done); rejects if it could not start. */
  readonly started: Promise<void>;
  /** Settles when polling ends: resolves after stop(), rejects on a fatal error (bad token, a second poller). */
  readonly finished: Promise<void>;
  /** Stops taking updates, confirms the ones handled to Telegram, and waits for the update in hand. */
  stop(): Promise<void>;
}

/**
 * Long polling with grammY's built-in loop: updates are handled one at a time, in order. Kept in this one file
 * so that moving to @grammyjs/runner (concurrent, ordered per chat) touches nothing else.
 */
export function startPolling(bot: Bot, log: Logger, opts: { timeoutSeconds?: number } = {}): Polling {
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const finished = bot.start({
    allowed_updates: [...ALLOWED_UPDATES],
    timeout: opts.timeoutSeconds ?? 30,
    onStart: (me) => {
      log.info({ bot: me.username }, 'long polling started');
      markStarted();
    },
  });
  return {
    started: Promise.race([started, finished]),
    finished,
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await finished.catch(() => undefined);
      log.info('long polling stopped');
    },
  };
}
