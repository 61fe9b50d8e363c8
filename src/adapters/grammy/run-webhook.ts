import { sequentialize } from '@grammyjs/runner';
import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { createWebhookRoute } from '../http/routes/telegram-webhook.js';
import type { HttpServer } from '../http/server.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { createInFlight } from '../../runtime/in-flight.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import { createUpdateDedupe } from '../../runtime/update-dedupe.js';
import { updateOrderKey } from '../../runtime/update-order-key.js';
import type { UpdateIntake } from './run-polling.js';

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
  /** Redis key prefix of the update_id marks; default `desk:webhook:<bot id>` (update ids are per bot). */
  dedupePrefix?: string;
  /** How long stop() waits for updates in flight; default 8 s (the shutdown deadline is 10 s). */
  drainMs?: number;
  /** See createWebhookRoute; default 8 s. */
  replyWithinMs?: number;
}

/**
 * Webhook mode: mounts the webhook route on the HTTP server (which must be listening), then registers
 * WEBHOOK_URL with Telegram with the secret token and explicit allowed_updates. One chat's updates are
 * handled in order on an instance. The webhook stays registered on stop: other instances behind the same URL
 * keep serving, and a restarted one gets what Telegram queued meanwhile.
 */
export function startWebhook<C extends Context>(bot: Bot<C>, opts: WebhookOptions): UpdateIntake {
  const inOrder = sequentialize<Update>(updateOrderKey);
  const inFlight = createInFlight();
  let stopTaking: (() => void) | undefined;
  let markFinished!: () => void;
  const stopped = new Promise<void>((resolve) => (markFinished = resolve));

  const started = (async () => {
    await bot.init();
    const endpoint = createWebhookRoute({
      path: new URL(opts.url).pathname,
      secret: opts.secret,
      handleUpdate: (update) => inOrder(update as Update, () => bot.handleUpdate(update as Update)),
      dedupe: createUpdateDedupe({
        redis: opts.redis,
        prefix: opts.dedupePrefix ?? `desk:webhook:${bot.botInfo.id}`,
        log: opts.log,
      }),
      inFlight,
      metrics: opts.metrics,
      log: opts.log,
      ...(opts.replyWithinMs === undefined ? {} : { replyWithinMs: opts.replyWithinMs }),
    });
    opts.http.mount(endpoint.route);
    stopTaking = endpoint.stopTaking;
    await bot.api.setWebhook(opts.url, {
      secret_token: opts.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    opts.log.info(
      { bot: bot.botInfo.username, path: endpoint.route.path, allowedUpdates: ALLOWED_UPDATES },
      'webhook registered',
    );
  })();

  return {
    started,
    finished: started.then(() => stopped),
    async stop() {
      await started.catch(() => undefined);
      stopTaking?.();
      const drained = await inFlight.drained(opts.drainMs ?? 8_000);
      if (drained) opts.log.info('webhook intake stopped; updates in flight are done');
      else opts.log.warn({ inFlight: inFlight.size() }, 'webhook intake stopped with updates still running');
      markFinished();
    },
  };
}
