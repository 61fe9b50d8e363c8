import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { deliverResponse } from '../../app/deliver-response.js';
import { deskInputFromUpdate } from '../../app/telegram-update.js';
import type { Language } from '../../core/language/languages.js';
import {
  announceCommandMenus,
  deskUpdateFlow,
  handleDeskUpdate,
  type DeskBotOptions,
} from '../../runtime/desk-bot.js';
import { createReplyOutbox } from '../../runtime/reply-outbox.js';
import type { PollingOptions } from '../../runtime/update-intake.js';
import type { WebhookOptions } from '../http/webhook-intake.js';
import { applyApiPolicy, responseChannel } from './messenger.js';
import { startRunnerPolling } from './polling.js';
import { startWebhook } from './webhook.js';

export interface GrammyBotOptions extends DeskBotOptions {
  /** Skips getMe at start when known (benchmarks). */
  botInfo?: UserFromGetMe;
}

/**
 * A grammY bot that hands every update to the desk and carries out its response (HTML, inline keyboards),
 * with the desk's outgoing-call policy on its Api (counted, paced, retried; see applyApiPolicy). Replies wait
 * in the bot's outbox for their chat's turn; the update flow admits each update before it waits for anything.
 * It holds no product rule: what to answer is the desk's business, so that the telegraf adapter mirrors this.
 */
export function createGrammyBot(opts: GrammyBotOptions) {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, botInfo: opts.botInfo });
  applyApiPolicy(bot.api, { ...opts.apiPolicy, log: opts.logger, metrics: opts.metrics });
  const outbox = createReplyOutbox({ log: opts.logger });
  const channel = responseChannel(bot.api);

  bot.use((ctx) =>
    handleDeskUpdate(opts, outbox, {
      updateId: ctx.update.update_id,
      chatType: ctx.chat?.type ?? null,
      toInput: () => deskInputFromUpdate(ctx.update, ctx.me.username),
      answerCallback: ctx.callbackQuery
        ? (toast) => ctx.answerCallbackQuery(toast ? { text: toast.text, show_alert: toast.alert } : {})
        : undefined,
      send: (input, response, log) => deliverResponse(channel, input, response, log),
    }),
  );
  // The desk is the error boundary. What escapes it (a bug in this adapter) is not grammY's bot.catch's to
  // see: handleUpdate rethrows it to the runner's errorHandler or the webhook route, which log it.
  const flow = deskUpdateFlow(opts, outbox, () => bot.botInfo.username, {
    sendMessage: (chatId, html) => bot.api.sendMessage(chatId, html, { parse_mode: 'HTML' }),
    leaveChat: (chatId) => bot.api.leaveChat(chatId),
    answerCallbackQuery: (queryId) => bot.api.answerCallbackQuery(queryId),
  });

  return {
    bot,
    /** Long polling with the runner; each update admitted and ordered by the update flow. */
    startPolling: (options: Omit<PollingOptions, 'flow'> = {}) =>
      startRunnerPolling(bot, opts.logger, { ...options, flow }),
    /** The webhook route on the project's HTTP server (listening); each update admitted likewise. */
    startWebhook: (options: Omit<WebhookOptions, 'flow'>) => startWebhook(bot, { ...options, flow }),
    /** Registers the "/" command menu in each language; failures are logged, never thrown. */
    announceCommands: (defaultLanguage: Language) =>
      announceCommandMenus(opts, defaultLanguage, (commands, params) =>
        bot.api.setMyCommands(commands, params),
      ),
  };
}
