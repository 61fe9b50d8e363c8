import { Telegram } from 'telegraf';
import type { Desk } from '../../app/desk.js';
import type { Messenger } from '../../app/types.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { BotTransport } from '../../runtime/bot-transport.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import type { HttpServer } from '../http/server.js';
import { applyTelegrafApiPolicy } from './api-policy.js';
import { createTelegrafBot } from './create-bot.js';
import { createTelegrafMessenger } from './messenger.js';
import { startTelegrafPolling } from './run-polling.js';
import { startTelegrafWebhook } from './run-webhook.js';

/** The same options as createGrammyTransport's, so that BOT_FRAMEWORK only picks the function. */
export interface TelegrafTransportOptions {
  token: string;
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  metrics: Metrics;
  http: HttpServer;
  redis: RedisClient;
  webhook: { url: string; secret: string } | null;
}

/**
 * The telegraf bot with the desk's outgoing-call policy, taking updates by long polling (in order per chat) or
 * by webhook: the mirror of createGrammyTransport.
 */
export function createTelegrafTransport(opts: TelegrafTransportOptions): BotTransport {
  const telegraf = createTelegrafBot({
    token: opts.token,
    apiRoot: opts.apiRoot,
    desk: opts.desk,
    logger: opts.logger,
    retry: false, // applyTelegrafApiPolicy owns retries and counts failures once
    onUpdateHandled: ({ kind, seconds }) => opts.metrics.updateHandled(kind, seconds),
  });
  applyTelegrafApiPolicy(telegraf.bot.telegram, { log: opts.logger, metrics: opts.metrics });
  return {
    startIntake: () =>
      opts.webhook
        ? startTelegrafWebhook(telegraf.bot, {
            http: opts.http,
            redis: opts.redis,
            url: opts.webhook.url,
            secret: opts.webhook.secret,
            metrics: opts.metrics,
            log: opts.logger,
          })
        : startTelegrafPolling(telegraf.bot, opts.logger),
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
  applyTelegrafApiPolicy(telegram, { log: deps.logger, metrics: deps.metrics, retry: false });
  return createTelegrafMessenger(telegram);
}
