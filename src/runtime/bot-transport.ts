import type { HttpServer } from '../adapters/http/server.js';
import type { UpdateAdmission } from '../app/admission/update-admission.js';
import type { Desk } from '../app/desk.js';
import type { DeskInputKind } from '../app/desk-input.js';
import type { Messenger } from '../app/types.js';
import type { Language } from '../core/language/languages.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { DeskBotOptions } from './desk-bot.js';
import type { RedisClient } from './redis-client.js';
import type { ReplyOutbox } from './reply-outbox.js';
import { createUpdateFlow, type FlowApi, type UpdateFlow } from './update-flow.js';
import type { PollingOptions, UpdateIntake } from './update-intake.js';
import type { WebhookOptions } from './webhook-intake.js';

/**
 * A Telegram framework (grammY or telegraf) as the composition root sees it: a way to take updates and a way
 * to send for the follow-up worker. Both adapters implement it, so that nothing above them knows which is used.
 */
export interface BotTransport {
  /** Starts long polling or the webhook, per BOT_MODE. */
  startIntake(): UpdateIntake;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
}

/** What every framework's transport is built from, so that BOT_FRAMEWORK only picks the function. */
export interface BotTransportOptions {
  token: string;
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  metrics: Metrics;
  http: HttpServer;
  redis: RedisClient;
  /** Webhook mode when set (BOT_MODE=webhook), long polling otherwise. */
  webhook: { url: string; secret: string } | null;
  /** Decides on each update as it arrives (served chats, rate limit); without it every update is handled. */
  admission?: UpdateAdmission;
}

/**
 * The desk bot's options inside a transport: no retries in the bot itself (the transport's API policy owns
 * them and counts failures once), replies queued in the transport's outbox, and each handled update timed in
 * the metrics.
 */
export function transportBotOptions(opts: BotTransportOptions, outbox: ReplyOutbox) {
  return {
    token: opts.token,
    apiRoot: opts.apiRoot,
    desk: opts.desk,
    logger: opts.logger,
    outbox,
    retry: false as const,
    onUpdateHandled: ({ kind, seconds }: { kind: DeskInputKind | 'other'; seconds: number }) =>
      opts.metrics.updateHandled(kind, seconds),
  } satisfies DeskBotOptions & { retry: false };
}

/** The update flow of a transport's bot: `outbox` is the one its bot queues replies in. */
export function transportFlow(
  opts: BotTransportOptions,
  outbox: ReplyOutbox,
  bot: { flowApi: FlowApi; username: () => string },
): UpdateFlow {
  return createUpdateFlow({
    ...(opts.admission ? { admission: opts.admission } : {}),
    outbox,
    api: bot.flowApi,
    botUsername: bot.username,
    log: opts.logger,
  });
}

/** How a framework starts each kind of intake. */
export interface IntakeStarters {
  webhook(options: WebhookOptions): UpdateIntake;
  polling(options: PollingOptions): UpdateIntake;
}

/**
 * Starts the webhook intake when the transport has a webhook (with the transport's deps), else long polling;
 * either takes its updates through `flow`.
 */
export function startChosenIntake(
  opts: BotTransportOptions,
  flow: UpdateFlow,
  start: IntakeStarters,
): UpdateIntake {
  if (!opts.webhook) return start.polling({ flow });
  return start.webhook({
    flow,
    http: opts.http,
    redis: opts.redis,
    url: opts.webhook.url,
    secret: opts.webhook.secret,
    metrics: opts.metrics,
    log: opts.logger,
  });
}

/** Sending without automatic retries: the follow-up queue owns retries and their backoff. */
export type WorkerMessengerFactory = (token: string, apiRoot: string) => Messenger;

export type { UpdateIntake };
