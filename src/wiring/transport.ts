import type { Redis } from 'ioredis';
import { createGrammyTransport, createGrammyWorkerMessenger } from '../adapters/grammy/transport.js';
import { createTelegrafTransport, createTelegrafWorkerMessenger } from '../adapters/telegraf/transport.js';
import type { HttpServer } from '../adapters/http/server.js';
import type { UpdateAdmission } from '../app/admission/update-admission.js';
import type { Desk } from '../app/desk.js';
import type { Messenger } from '../app/types.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { BotTransport } from '../runtime/bot-transport.js';
import type { RunConfig } from './read-config.js';

/** The Telegram framework chosen by BOT_FRAMEWORK, taking updates per BOT_MODE. */
export function createTransport(
  config: RunConfig,
  deps: {
    desk: Desk;
    admission: UpdateAdmission;
    logger: Logger;
    metrics: Metrics;
    http: HttpServer;
    redis: Redis;
  },
): BotTransport {
  const webhook =
    config.BOT_MODE === 'webhook' ? { url: config.WEBHOOK_URL!, secret: config.WEBHOOK_SECRET! } : null;
  const options = { token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, webhook, ...deps };
  return config.BOT_FRAMEWORK === 'telegraf'
    ? createTelegrafTransport(options)
    : createGrammyTransport(options);
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
