import type { Redis } from 'ioredis';
import { createGrammyBot } from '../adapters/grammy/bot.js';
import { createGrammyWorkerMessenger } from '../adapters/grammy/messenger.js';
import type { HttpServer } from '../adapters/http/server.js';
import { createTelegrafBot } from '../adapters/telegraf/bot.js';
import { createTelegrafWorkerMessenger } from '../adapters/telegraf/messenger.js';
import type { Messenger } from '../app/types.js';
import type { Language } from '../core/language/languages.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { DeskBotOptions } from '../runtime/desk-bot.js';
import type { PollingOptions, UpdateIntake } from '../runtime/update-intake.js';
import type { RunConfig } from './read-config.js';

/** The bot as startDesk sees it, whichever framework runs it. */
export interface BotTransport {
  /** Starts long polling or the webhook, per BOT_MODE. */
  startIntake(): UpdateIntake;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
}

export type TransportConfig = Pick<
  RunConfig,
  'BOT_FRAMEWORK' | 'BOT_MODE' | 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'WEBHOOK_URL' | 'WEBHOOK_SECRET'
>;

export interface TransportDeps extends Omit<DeskBotOptions, 'token' | 'apiRoot' | 'metrics'> {
  metrics: Metrics;
  /** Serves the webhook route (BOT_MODE=webhook); must be listening. */
  http: HttpServer;
  /** Keeps the webhook's update_id marks shared by every instance. */
  redis: Redis;
  /** Where the desk's keys start in Redis; the webhook's marks start with it too. */
  keyPrefix: string;
  /** Long polling's knobs beyond the defaults (a shorter long-poll timeout in tests). */
  polling?: Omit<PollingOptions, 'flow'>;
}

/**
 * The desk bot on the framework BOT_FRAMEWORK names, with the desk's outgoing-call policy, taking updates by
 * long polling or by the webhook route (BOT_MODE). This is the one assembly of the bot: `npm start` and the
 * end-to-end tests both run it.
 */
export function createTransport(config: TransportConfig, deps: TransportDeps): BotTransport {
  const { http, redis, keyPrefix, polling, ...botDeps } = deps;
  const options = { ...botDeps, token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT };
  const bot = config.BOT_FRAMEWORK === 'telegraf' ? createTelegrafBot(options) : createGrammyBot(options);
  return {
    startIntake: () =>
      config.BOT_MODE === 'webhook'
        ? bot.startWebhook({
            http,
            redis,
            keyPrefix,
            url: config.WEBHOOK_URL!,
            secret: config.WEBHOOK_SECRET!,
            metrics: deps.metrics,
            log: deps.logger,
          })
        : bot.startPolling(polling),
    announceCommands: (lang) => bot.announceCommands(lang),
  };
}

/** The follow-up worker's way to send, over the same framework as the bot. */
export function createWorkerMessenger(
  config: RunConfig,
  deps: { logger: Logger; metrics: Metrics },
): Messenger {
  const create =
    config.BOT_FRAMEWORK === 'telegraf' ? createTelegrafWorkerMessenger : createGrammyWorkerMessenger;
  return create(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT, deps);
}
