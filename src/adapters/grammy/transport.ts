import { Api } from 'grammy';
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
import { applyApiPolicy } from './api-policy.js';
import { createGrammyBot } from './create-bot.js';
import { createGrammyMessenger } from './messenger.js';
import { startRunnerPolling } from './run-polling.js';
import { startWebhook } from './run-webhook.js';

export type GrammyTransportOptions = BotTransportOptions;

/** The grammY bot with the desk's outgoing-call policy, taking updates by the runner or by webhook. */
export function createGrammyTransport(opts: GrammyTransportOptions): BotTransport {
  const outbox = createReplyOutbox({ log: opts.logger });
  // No retries in the bot itself: applyApiPolicy below owns them and counts failures once.
  const grammy = createGrammyBot(transportBotOptions(opts, outbox));
  applyApiPolicy(grammy.bot.api, { log: opts.logger, metrics: opts.metrics });
  const flow = transportFlow(opts, outbox, {
    flowApi: grammy.flowApi,
    username: () => grammy.bot.botInfo.username,
  });
  return {
    startIntake: () =>
      startChosenIntake(opts, flow, {
        webhook: (webhook) => startWebhook(grammy.bot, webhook),
        polling: (polling) => startRunnerPolling(grammy.bot, opts.logger, polling),
      }),
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
  // The staff chat (the worker's only group) is paced by the staff queue's limiter, not a second time here.
  const pacing = { groupPerMinute: Infinity };
  applyApiPolicy(api, { log: deps.logger, metrics: deps.metrics, retry: false, pacing });
  return createGrammyMessenger(api);
}
