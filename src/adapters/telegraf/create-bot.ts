import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import type { Language } from '../../core/language/languages.js';
import { announceCommandMenus, handleDeskUpdate, type DeskBotOptions } from '../../runtime/desk-bot.js';
import type { FlowApi } from '../../runtime/update-flow.js';
import { observeFailures, retryLayer, useLayer, type RetryOptions } from './api-policy.js';
import { toDeskInput } from './desk-input.js';
import { sendDeskResponse } from './send-response.js';

/**
 * The grammY adapter's caps: 429 waits honoured up to 60 s, 3 retries. 5xx back off from 0.5 s and network
 * errors are not retried, as in applyTelegrafApiPolicy (see api-policy.ts for why).
 */
export const DEFAULT_RETRY: RetryOptions = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

export interface TelegrafBotOptions extends DeskBotOptions {
  /** Skips getMe at start when known (benchmarks, webhook instances that restart often). */
  botInfo?: UserFromGetMe;
  /** Retry policy of outgoing calls; false turns retries off (applyTelegrafApiPolicy may add its own). */
  retry?: Partial<RetryOptions> | false;
}

export interface TelegrafDeskBot {
  readonly bot: Telegraf;
  /** Handles one update to the end (the reply sent); for the webhook route. */
  handleUpdate(update: Update): Promise<void>;
  /** Fetches the bot's identity (getMe) unless botInfo was given. */
  init(): Promise<void>;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
  /** The calls the update flow makes before an update reaches the bot's middleware. */
  readonly flowApi: FlowApi;
}

/**
 * A telegraf bot that hands every update to the desk and carries out its response (HTML, inline keyboards),
 * the mirror of createGrammyBot. It holds no product rule: what to answer is the desk's business.
 *
 * Everything is sent through `bot.telegram`, which carries the retry policy: telegraf gives each update's
 * `ctx.telegram` a fresh client that layers installed on `bot.telegram` do not reach.
 */
export function createTelegrafBot(opts: TelegrafBotOptions): TelegrafDeskBot {
  const bot = new Telegraf(opts.token, {
    // No webhook replies: a reply in the HTTP answer cannot report failure, and our webhook route answers
    // Telegram itself. No handler timeout: telegraf's default (90 s) would let an update run on unseen
    // after being reported done, which graceful shutdown could not wait for.
    telegram: { apiRoot: opts.apiRoot, webhookReply: false },
    handlerTimeout: Infinity,
  });
  if (opts.botInfo) bot.botInfo = opts.botInfo;
  // The observer sits inside the retry, so that every failed attempt is counted, not only the last.
  if (opts.onApiError) useLayer(bot.telegram, observeFailures(opts.onApiError));
  if (opts.retry !== false) useLayer(bot.telegram, retryLayer({ ...DEFAULT_RETRY, ...opts.retry }));

  bot.use((ctx) => {
    const queryId = ctx.callbackQuery?.id;
    return handleDeskUpdate(opts, {
      updateId: ctx.update.update_id,
      chatType: ctx.chat?.type ?? null,
      toInput: () => toDeskInput(ctx),
      answerCallback: queryId
        ? (toast) =>
            bot.telegram.answerCbQuery(queryId, toast?.text, toast ? { show_alert: toast.alert } : {})
        : undefined,
      send: (input, response, log) => sendDeskResponse(bot.telegram, input, response, log),
    });
  });
  // The desk is the error boundary; this only catches what escapes it (a bug in this adapter). Without it,
  // telegraf would rethrow and end long polling.
  bot.catch((err, ctx) => {
    opts.logger.error({ err, update_id: ctx.update.update_id }, 'update failed outside the desk');
  });

  return {
    bot,
    handleUpdate: (update) => bot.handleUpdate(update),
    async init() {
      bot.botInfo ??= await bot.telegram.getMe();
    },
    announceCommands: (defaultLanguage) =>
      announceCommandMenus(opts, defaultLanguage, (commands, params) =>
        bot.telegram.setMyCommands(commands, params),
      ),
    flowApi: {
      sendMessage: (chatId, html) => bot.telegram.sendMessage(chatId, html, { parse_mode: 'HTML' }),
      leaveChat: (chatId) => bot.telegram.leaveChat(chatId),
      answerCallbackQuery: (queryId) => bot.telegram.answerCbQuery(queryId),
    },
  };
}
