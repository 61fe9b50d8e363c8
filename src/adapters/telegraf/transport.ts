import { Telegram } from 'telegraf';
import type { Messenger } from '../../app/types.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import {
  startChosenIntake,
  transportBotOptions,
  transportFlow,
  type BotTransport,
  type BotTransportOptions,
} from '../../runtime/bot-transport.js';
import { createReplyOutbox } from '../../runtime/reply-outbox.js';
import { applyTelegrafApiPolicy } from './api-policy.js';
import { createTelegrafBot } from './create-bot.js';
import { createTelegrafMessenger } from './messenger.js';
import { startTelegrafPolling } from './run-polling.js';
import { startTelegrafWebhook } from './run-webhook.js';

export type TelegrafTransportOptions = BotTransportOptions;

/**
 * The telegraf bot with the desk's outgoing-call policy, taking updates by long polling (in order per chat) or
 * by webhook: the mirror of createGrammyTransport.
 */
export function createTelegrafTransport(opts: TelegrafTransportOptions): BotTransport {
  const outbox = createReplyOutbox({ log: opts.logger });
  // No retries in the bot itself: applyTelegrafApiPolicy below owns them and counts failures once.
  const telegraf = createTelegrafBot(transportBotOptions(opts, outbox));
  applyTelegrafApiPolicy(telegraf.bot.telegram, { log: opts.logger, metrics: opts.metrics });
  const flow = transportFlow(opts, outbox, {
    flowApi: telegraf.flowApi,
    username: () => telegraf.bot.botInfo!.username,
  });
  return {
    startIntake: () =>
      startChosenIntake(opts, flow, {
        webhook: (webhook) => startTelegrafWebhook(telegraf.bot, webhook),
        polling: (polling) => startTelegrafPolling(telegraf.bot, opts.logger, polling),
      }),
    announceCommands: (lang) => telegraf.announceCommands(lang),
  };
}

/** A Messenger for the follow-up worker: counted and paced, but not retried (the queue retries). */
export function createTelegrafWorkerMessenger(
  token: string,
  apiRoot: string,
  deps: { logger: Logger; metrics: Metrics },
): Messenger {
  const telegram = new Telegram(token, { apiRoot, webhookReply: false });
  // The staff chat (the worker's only group) is paced by the staff queue's limiter, not a second time here.
  const pacing = { groupPerMinute: Infinity };
  applyTelegrafApiPolicy(telegram, { log: deps.logger, metrics: deps.metrics, retry: false, pacing });
  return createTelegrafMessenger(telegram);
}
