import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { UpdateIntake } from '../../runtime/update-intake.js';
import { startWebhookIntake, type WebhookOptions } from '../http/webhook-intake.js';

/**
 * Webhook mode for grammY (see startWebhookIntake): the project's webhook route hands each update to
 * `bot.handleUpdate`, and WEBHOOK_URL is registered through `bot.api`. The webhook stays registered on stop.
 */
export function startWebhook<C extends Context>(bot: Bot<C>, opts: WebhookOptions): UpdateIntake {
  return startWebhookIntake(
    {
      init: async () => {
        await bot.init();
        return bot.botInfo;
      },
      handleUpdate: (update) => bot.handleUpdate(update as Update),
      setWebhook: (url, params) => bot.api.setWebhook(url, params),
    },
    opts,
  );
}
