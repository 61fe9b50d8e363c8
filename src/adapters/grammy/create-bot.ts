import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, type Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Desk } from '../../app/desk.js';
import type { DeskInputKind } from '../../app/desk-input.js';
import { LANGUAGES } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import { toDeskInput } from './desk-input.js';
import { sendDeskResponse } from './send-response.js';

/** Waits Telegram asks for (429) are honoured up to this long; 5xx and network errors back off from 3 s. */
export const DEFAULT_RETRY: Partial<AutoRetryOptions> = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

export interface GrammyBotOptions {
  token: string;
  /** TELEGRAM_API_ROOT: the public Bot API, a local Bot API server, or a test's fake. */
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  /** Skips getMe at start when known (benchmarks, webhook instances that restart often). */
  botInfo?: UserFromGetMe;
  /** Retry policy of outgoing calls; false turns retries off. */
  retry?: Partial<AutoRetryOptions> | false;
  /** Every failed Bot API attempt (for metrics), with Telegram's error code or 'network'. */
  onApiError?: (method: string, code: number | 'network') => void;
  /** Called when an update is done, its response sent (metrics, and tests that wait for a whole exchange). */
  onUpdateHandled?: (event: { updateId: number; kind: DeskInputKind | 'other'; seconds: number }) => void;
}

export interface GrammyBot {
  readonly bot: Bot;
  /** Handles one update to the end (the reply sent); for the webhook route. Needs `init()` first. */
  handleUpdate(update: Update): Promise<void>;
  /** Fetches the bot's identity (getMe) unless botInfo was given. */
  init(): Promise<void>;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: (typeof LANGUAGES)[number]): Promise<void>;
}

function observeErrors(onApiError: NonNullable<GrammyBotOptions['onApiError']>): Transformer {
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

  bot.use(async (ctx) => {
    const started = performance.now();
    const updateId = ctx.update.update_id;
    const log = opts.logger.child({ update_id: updateId, chat_type: ctx.chat?.type ?? null });
    const input = toDeskInput(ctx);
    try {
      if (!input) {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
        log.debug('update not for the desk; ignored');
        return;
      }
      const response = await opts.desk.handle(input);
      await sendDeskResponse(ctx.api, input, response, log, ctx.callbackQuery?.id);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      opts.onUpdateHandled?.({ updateId, kind: input?.kind ?? 'other', seconds });
    }
  });
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
    async announceCommands(defaultLanguage) {
      const menus = [
        { language_code: undefined, commands: opts.desk.commandMenu(defaultLanguage) },
        ...LANGUAGES.map((lang) => ({ language_code: lang, commands: opts.desk.commandMenu(lang) })),
      ];
      for (const { language_code, commands } of menus) {
        await bot.api
          .setMyCommands(commands, language_code ? { language_code } : {})
          .catch((err: unknown) => opts.logger.warn({ err, language_code }, 'setMyCommands failed'));
      }
    },
  };
}
