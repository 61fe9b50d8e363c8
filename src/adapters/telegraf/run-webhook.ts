import { sequentialize } from '@grammyjs/runner';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { createWebhookRoute } from '../http/routes/telegram-webhook.js';
import { ALLOWED_UPDATES } from '../../runtime/allowed-updates.js';
import { createInFlight } from '../../runtime/in-flight.js';
import { createUpdateDedupe } from '../../runtime/update-dedupe.js';
import { updateOrderKey } from '../../runtime/update-order-key.js';
import type { WebhookOptions } from '../grammy/run-webhook.js';
import type { UpdateIntake } from './run-polling.js';

export type { WebhookOptions };

/**
 * Webhook mode for telegraf, the mirror of the grammY adapter's startWebhook: the project's own webhook
 * route (secret token checked in constant time before the body is read, 401 otherwise; repeated update_ids
 * handled once; Telegram answered within its timeout) hands each update to `bot.handleUpdate`, and
 * WEBHOOK_URL is registered with the secret token and explicit allowed_updates. telegraf's own
 * `webhookCallback` is not used: it has no dedupe, no drain on shutdown, and answers a wrong secret with 403.
 * One chat's updates are handled in order on an instance. The webhook stays registered on stop.
 */
export function startTelegrafWebhook(bot: Telegraf, opts: WebhookOptions): UpdateIntake {
  const inOrder = sequentialize<Update>(updateOrderKey);
  const inFlight = createInFlight();
  let stopTaking: (() => void) | undefined;
  let markFinished!: () => void;
  const stopped = new Promise<void>((resolve) => (markFinished = resolve));

  const started = (async () => {
    bot.botInfo ??= await bot.telegram.getMe();
    const endpoint = createWebhookRoute({
      path: new URL(opts.url).pathname,
      secret: opts.secret,
      // The route checked that the body is an object with an update_id; the rest is Telegram's to vouch for.
      handleUpdate: (incoming) => {
        const update = incoming as unknown as Update;
        return inOrder(update, () => bot.handleUpdate(update));
      },
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
    await bot.telegram.setWebhook(opts.url, {
      secret_token: opts.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    opts.log.info(
      { bot: bot.botInfo.username, path: endpoint.route.path, allowedUpdates: ALLOWED_UPDATES },
      'webhook registered (telegraf)',
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
