import { createWebhookRoute, type IncomingUpdate } from './routes/telegram-webhook.js';
import type { HttpServer } from './server.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { ALLOWED_UPDATES, type AllowedUpdate } from '../../runtime/allowed-updates.js';
import { drainIntake } from '../../runtime/drain-intake.js';
import { createInFlight } from '../../runtime/in-flight.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import { createUpdateDedupe } from '../../runtime/update-dedupe.js';
import { admitThenInOrder, type UpdateFlow } from '../../runtime/update-flow.js';
import type { UpdateIntake } from '../../runtime/update-intake.js';

export interface WebhookOptions {
  http: HttpServer;
  /** For the update_id marks shared by every instance; without a ready Redis, marks are kept in memory. */
  redis: RedisClient;
  /** WEBHOOK_URL: where Telegram posts; its path is the route's path. */
  url: string;
  /** WEBHOOK_SECRET. */
  secret: string;
  metrics: Pick<Metrics, 'webhookRequest'>;
  log: Logger;
  /** Where the desk's Redis keys start; the update_id marks are `<keyPrefix>:webhook:<bot id>:<update_id>` (update ids are per bot). Default `desk`. */
  keyPrefix?: string;
  /** How long stop() waits for updates in flight; default 8 s (the shutdown deadline is 10 s). */
  drainMs?: number;
  /** See createWebhookRoute; default 8 s. */
  replyWithinMs?: number;
  /** Admits updates as they arrive and holds the replies waiting to go out (see createUpdateFlow). */
  flow?: UpdateFlow;
}

/** What a framework adapter lends the webhook intake: its bot, seen through four calls. */
export interface WebhookBot {
  /** Fetches the bot's identity (getMe) unless known; returns it. */
  init(): Promise<{ id: number; username: string }>;
  /** Handles one update to the end (replies sent). The route checked that it is an object with an update_id. */
  handleUpdate(update: IncomingUpdate): Promise<void>;
  /** Calls setWebhook with these parameters. */
  setWebhook(
    url: string,
    params: { secret_token: string; allowed_updates: AllowedUpdate[]; drop_pending_updates: false },
  ): Promise<unknown>;
  /** Appended to the "webhook registered" log line, e.g. " (telegraf)". */
  logSuffix?: string;
}

/**
 * Webhook mode for any framework: mounts the project's webhook route on the HTTP server (which must be
 * listening), then registers WEBHOOK_URL with Telegram with the secret token and explicit allowed_updates.
 * The route checks the secret before reading the body, handles a repeated update_id once and answers Telegram
 * within its timeout. One chat's updates are handled in order on an instance. With a flow, Telegram is
 * answered once the desk decided and its replies are queued: a paced reply never holds Telegram's connection
 * (replies are sent through the Bot API, never in the webhook's answer). The webhook stays registered on
 * stop: other instances behind the same URL keep serving, and a restarted one gets what Telegram queued
 * meanwhile; stop() waits for the updates in flight (at most `drainMs`).
 */
export function startWebhookIntake(bot: WebhookBot, opts: WebhookOptions): UpdateIntake {
  const take = admitThenInOrder<IncomingUpdate>(opts.flow, (update) => bot.handleUpdate(update));
  const inFlight = createInFlight();
  let stopTaking: (() => void) | undefined;
  let markFinished!: () => void;
  const stopped = new Promise<void>((resolve) => (markFinished = resolve));

  const started = (async () => {
    const me = await bot.init();
    const endpoint = createWebhookRoute({
      path: new URL(opts.url).pathname,
      secret: opts.secret,
      handleUpdate: take,
      dedupe: createUpdateDedupe({
        redis: opts.redis,
        prefix: `${opts.keyPrefix ?? 'desk'}:webhook:${me.id}`,
        log: opts.log,
      }),
      inFlight,
      metrics: opts.metrics,
      log: opts.log,
      ...(opts.replyWithinMs === undefined ? {} : { replyWithinMs: opts.replyWithinMs }),
    });
    opts.http.mount(endpoint.route);
    stopTaking = endpoint.stopTaking;
    await bot.setWebhook(opts.url, {
      secret_token: opts.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    opts.log.info(
      { bot: me.username, path: endpoint.route.path, allowedUpdates: ALLOWED_UPDATES },
      `webhook registered${bot.logSuffix ?? ''}`,
    );
  })();

  return {
    started,
    finished: started.then(() => stopped),
    async stop() {
      await started.catch(() => undefined);
      stopTaking?.();
      await drainIntake(inFlight, opts.log, 'webhook intake', opts.drainMs, opts.flow);
      markFinished();
    },
  };
}
