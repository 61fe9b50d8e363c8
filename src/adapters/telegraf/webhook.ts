import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { UpdateIntake } from '../../runtime/update-intake.js';
import { startWebhookIntake, type WebhookOptions } from '../http/webhook-intake.js';

/**
 * Webhook mode for telegraf (see startWebhookIntake): the project's webhook route hands each update to
 * `bot.handleUpdate`, and WEBHOOK_URL is registered through `bot.telegram`. telegraf's own `webhookCallback`
 * is not used: it has no dedupe, no drain on shutdown, and answers a wrong secret with 403.
 */
export function startTelegrafWebhook(bot: Telegraf, opts: WebhookOptions): UpdateIntake {
  return startWebhookIntake(
    {
      init: async () => (bot.botInfo ??= await bot.telegram.getMe()),
      // The route checked that the body is an object with an update_id; the rest is Telegram's to vouch for.
      handleUpdate: (update) => bot.handleUpdate(update as unknown as Update),
      setWebhook: (url, params) => bot.telegram.setWebhook(url, params),
      logSuffix: ' (telegraf)',
    },
    opts,
  );
}
