import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Language } from '../../core/language/languages.js';
import { announceCommandMenus, handleDeskUpdate, type DeskBotOptions } from '../../runtime/desk-bot.js';
import type { FlowApi } from '../../runtime/update-flow.js';
import { toDeskInput } from './desk-input.js';
import { sendDeskResponse } from './send-response.js';

/** Waits Telegram asks for (429) are honoured up to this long; 5xx and network errors back off from 3 s. */
export const DEFAULT_RETRY: Partial<AutoRetryOptions> = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

export interface GrammyBotOptions extends DeskBotOptions {
  /** Skips getMe at start when known (benchmarks, webhook instances that restart often). */
  botInfo?: UserFromGetMe;
  /** Retry policy of outgoing calls; false turns retries off. */
  retry?: Partial<AutoRetryOptions> | false;
}

export interface GrammyBot {
  readonly bot: Bot;
  /** Handles one update to the end (the reply sent); for the webhook route. Needs `init()` first. */
  handleUpdate(update: Update): Promise<void>;
  /** Fetches the bot's identity (getMe) unless botInfo was given. */
  init(): Promise<void>;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
  /** The calls the update flow makes before an update reaches the bot's middleware. */
  readonly flowApi: FlowApi;
}

function observeErrors(onApiError: NonNullable<DeskBotOptions['onApiError']>): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) onApiError(method, result.error_code);
      return result;
    } catch (err) {
      onApiError(
        method,
        err instanceof HttpError ? 'network' : err instanceof GrammyError ? err.error_code : 'network',
      );
      throw err;
    }
  };
}

/**
 * A grammY bot that hands every update to the desk and carries out its response (HTML, inline keyboards).
 * It holds no product rule: what to answer is the desk's business, so that the telegraf adapter can mirror this.
 */
export function createGrammyBot(opts: GrammyBotOptions): GrammyBot {
  const bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot }, botInfo: opts.botInfo });
  // The observer sits inside the retry, so that every failed attempt is counted, not only the last.
  if (opts.onApiError) bot.api.config.use(observeErrors(opts.onApiError));
  if (opts.retry !== false) bot.api.config.use(autoRetry({ ...DEFAULT_RETRY, ...opts.retry }));

  bot.use((ctx) =>
    handleDeskUpdate(opts, {
      updateId: ctx.update.update_id,
      chatType: ctx.chat?.type ?? null,
      toInput: () => toDeskInput(ctx),
      answerCallback: ctx.callbackQuery
        ? (toast) => ctx.answerCallbackQuery(toast ? { text: toast.text, show_alert: toast.alert } : {})
        : undefined,
      send: (input, response, log) => sendDeskResponse(ctx.api, input, response, log),
    }),
  );
  // The desk is the error boundary; this only catches what escapes it (a bug in this adapter).
  bot.catch((err) => {
    opts.logger.error(
      { err: err.error, update_id: err.ctx.update.update_id },
      'update failed outside the desk',
    );
  });

  return {
    bot,
    handleUpdate: (update) => bot.handleUpdate(update),
    init: () => bot.init(),
    announceCommands: (defaultLanguage) =>
      announceCommandMenus(opts, defaultLanguage, (commands, params) =>
        bot.api.setMyCommands(commands, params),
      ),
    flowApi: {
      sendMessage: (chatId, html) => bot.api.sendMessage(chatId, html, { parse_mode: 'HTML' }),
      leaveChat: (chatId) => bot.api.leaveChat(chatId),
      answerCallbackQuery: (queryId) => bot.api.answerCallbackQuery(queryId),
    },
  };
}
