import { Telegraf } from 'telegraf';
import type { Update, UserFromGetMe } from 'telegraf/types';
import { commandMenus } from '../../app/command-menus.js';
import type { Desk } from '../../app/desk.js';
import type { DeskInputKind } from '../../app/desk-input.js';
import type { Language } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import { observeFailures, retryLayer, useLayer, type RetryOptions } from './api-policy.js';
import { toDeskInput } from './desk-input.js';
import { sendDeskResponse } from './send-response.js';

/**
 * The grammY adapter's caps: 429 waits honoured up to 60 s, 3 retries. 5xx back off from 0.5 s and network
 * errors are not retried, as in applyTelegrafApiPolicy (see api-policy.ts for why).
 */
export const DEFAULT_RETRY: RetryOptions = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

export interface TelegrafBotOptions {
  token: string;
  /** TELEGRAM_API_ROOT: the public Bot API, a local Bot API server, or a test's fake. */
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  /** Skips getMe at start when known (benchmarks, webhook instances that restart often). */
  botInfo?: UserFromGetMe;
  /** Retry policy of outgoing calls; false turns retries off (applyTelegrafApiPolicy may add its own). */
  retry?: Partial<RetryOptions> | false;
  /** Every failed Bot API attempt (for metrics), with Telegram's error code or 'network'. */
  onApiError?: (method: string, code: number | 'network') => void;
  /** Called when an update is done, its response sent (metrics, and tests that wait for a whole exchange). */
  onUpdateHandled?: (event: { updateId: number; kind: DeskInputKind | 'other'; seconds: number }) => void;
}

export interface TelegrafDeskBot {
  readonly bot: Telegraf;
  /** Handles one update to the end (the reply sent); for the webhook route. */
  handleUpdate(update: Update): Promise<void>;
  /** Fetches the bot's identity (getMe) unless botInfo was given. */
  init(): Promise<void>;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
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

  bot.use(async (ctx) => {
    const started = performance.now();
    const updateId = ctx.update.update_id;
    const log = opts.logger.child({ update_id: updateId, chat_type: ctx.chat?.type ?? null });
    const input = toDeskInput(ctx);
    try {
      if (!input) {
        if (ctx.callbackQuery) await bot.telegram.answerCbQuery(ctx.callbackQuery.id).catch(() => undefined);
        log.debug('update not for the desk; ignored');
        return;
      }
      const response = await opts.desk.handle(input);
      await sendDeskResponse(bot.telegram, input, response, log, ctx.callbackQuery?.id);
    } finally {
      const seconds = (performance.now() - started) / 1000;
      opts.onUpdateHandled?.({ updateId, kind: input?.kind ?? 'other', seconds });
    }
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
    async announceCommands(defaultLanguage) {
      for (const { languageCode, commands } of commandMenus(opts.desk, defaultLanguage)) {
        await bot.telegram
          .setMyCommands(commands, languageCode ? { language_code: languageCode } : {})
          .catch((err: unknown) =>
            opts.logger.warn({ err, language_code: languageCode }, 'setMyCommands failed'),
          );
      }
    },
  };
}
