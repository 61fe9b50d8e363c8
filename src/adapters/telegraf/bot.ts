import { Telegraf } from 'telegraf';
import type { UserFromGetMe } from 'telegraf/types';
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
import { applyTelegrafApiPolicy, responseChannel } from './messenger.js';
import { startTelegrafPolling } from './polling.js';
import { startTelegrafWebhook } from './webhook.js';

export interface TelegrafBotOptions extends DeskBotOptions {
  /** Skips getMe at start when known (benchmarks). */
  botInfo?: UserFromGetMe;
}

/**
 * A telegraf bot that hands every update to the desk and carries out its response (HTML, inline keyboards),
 * the mirror of createGrammyBot: the outgoing-call policy on `bot.telegram`, replies waiting in the bot's
 * outbox, each update admitted by the update flow first. It holds no product rule.
 *
 * Everything is sent through `bot.telegram`, which carries the policy: telegraf gives each update's
 * `ctx.telegram` a fresh client that layers installed on `bot.telegram` do not reach.
 */
export function createTelegrafBot(opts: TelegrafBotOptions) {
  const bot = createTelegraf(opts);
  const telegram = bot.telegram;
  applyTelegrafApiPolicy(telegram, { ...opts.apiPolicy, log: opts.logger, metrics: opts.metrics });
  const outbox = createReplyOutbox({ log: opts.logger });
  const channel = responseChannel(telegram);

  bot.use((ctx) => {
    const queryId = ctx.callbackQuery?.id;
    return handleDeskUpdate(opts, outbox, {
      updateId: ctx.update.update_id,
      chatType: ctx.chat?.type ?? null,
      toInput: () => deskInputFromUpdate(ctx.update, ctx.botInfo.username),
      answerCallback: queryId
        ? (toast) => telegram.answerCbQuery(queryId, toast?.text, toast ? { show_alert: toast.alert } : {})
        : undefined,
      send: (input, response, log) => deliverResponse(channel, input, response, log),
    });
  });
  // The desk is the error boundary; this only catches what escapes it (a bug in this adapter). Without it,
  // telegraf's default handler would print the whole update (the user's text) to the console, past the logger.
  bot.catch((err, ctx) => {
    opts.logger.error({ err, update_id: ctx.update.update_id }, 'update failed outside the desk');
  });

  const flow = deskUpdateFlow(opts, outbox, () => bot.botInfo!.username, {
    sendMessage: (chatId, html) => telegram.sendMessage(chatId, html, { parse_mode: 'HTML' }),
    leaveChat: (chatId) => telegram.leaveChat(chatId),
    answerCallbackQuery: (queryId) => telegram.answerCbQuery(queryId),
  });

  return {
    bot,
    /** Long polling, in order per chat; each update admitted and ordered by the update flow. */
    startPolling: (options: Omit<PollingOptions, 'flow'> = {}) =>
      startTelegrafPolling(bot, opts.logger, { ...options, flow }),
    /** The webhook route on the project's HTTP server (listening); each update admitted likewise. */
    startWebhook: (options: Omit<WebhookOptions, 'flow'>) => startTelegrafWebhook(bot, { ...options, flow }),
    /** Registers the "/" command menu in each language; failures are logged, never thrown. */
    announceCommands: (defaultLanguage: Language) =>
      announceCommandMenus(opts, defaultLanguage, (commands, params) =>
        telegram.setMyCommands(commands, params),
      ),
  };
}

/**
 * The Telegraf client: no webhook replies, since a reply in the HTTP answer cannot report failure and our
 * webhook route answers Telegram itself; no handler timeout, since telegraf's default (90 s) would let an
 * update run on unseen after being reported done, which graceful shutdown could not wait for.
 */
function createTelegraf(opts: TelegrafBotOptions): Telegraf {
  const bot = new Telegraf(opts.token, {
    telegram: { apiRoot: opts.apiRoot, webhookReply: false },
    handlerTimeout: Infinity,
  });
  if (opts.botInfo) bot.botInfo = opts.botInfo;
  return bot;
}
