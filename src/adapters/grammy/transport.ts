import { Api } from 'grammy';
import type { Desk } from '../../app/desk.js';
import type { Messenger } from '../../app/types.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import type { BotTransport } from '../../runtime/bot-transport.js';
import type { RedisClient } from '../../runtime/redis-client.js';
import type { HttpServer } from '../http/server.js';
import { applyApiPolicy } from './api-policy.js';
import { createGrammyBot } from './create-bot.js';
import { createGrammyMessenger } from './messenger.js';
import { startRunnerPolling } from './run-polling.js';
import { startWebhook } from './run-webhook.js';

export interface GrammyTransportOptions {
  token: string;
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  metrics: Metrics;
  http: HttpServer;
  redis: RedisClient;
  webhook: { url: string; secret: string } | null;
}

/** The grammY bot with the desk's outgoing-call policy, taking updates by the runner or by webhook. */
export function createGrammyTransport(opts: GrammyTransportOptions): BotTransport {
  const grammy = createGrammyBot({
    token: opts.token,
    apiRoot: opts.apiRoot,
    desk: opts.desk,
    logger: opts.logger,
    retry: false, // applyApiPolicy owns retries and counts failures once
    onUpdateHandled: ({ kind, seconds }) => opts.metrics.updateHandled(kind, seconds),
  });
  applyApiPolicy(grammy.bot.api, { log: opts.logger, metrics: opts.metrics });
  return {
    startIntake: () =>
      opts.webhook
        ? startWebhook(grammy.bot, {
            http: opts.http,
            redis: opts.redis,
            url: opts.webhook.url,
            secret: opts.webhook.secret,
            metrics: opts.metrics,
            log: opts.logger,
          })
        : startRunnerPolling(grammy.bot, opts.logger),
    announceCommands: (lang) => grammy.announceCommands(lang),
  };
}

/** A Messenger for the follow-up worker: counted and paced, but not retried (the queue retries). */
export function createGrammyWorkerMessenger(
  token: string,
  apiRoot: string,
  deps: { logger: Logger; metrics: Metrics },
): Messenger {
  const api = new Api(token, { apiRoot });
  applyApiPolicy(api, { log: deps.logger, metrics: deps.metrics, retry: false });
  return createGrammyMessenger(api);
}
