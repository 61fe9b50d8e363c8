import type { UpdateAdmission } from '../app/admission/update-admission.js';
import { commandMenus } from '../app/command-menus.js';
import type { Desk } from '../app/desk.js';
import type { DeskInput, DeskInputKind } from '../app/desk-input.js';
import type { DeskResponse } from '../app/feature.js';
import type { Language } from '../core/language/languages.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { ApiPolicyKnobs } from './api-call-policy.js';
import type { ReplyOutbox } from './reply-outbox.js';
import { createUpdateFlow, type FlowApi, type UpdateFlow } from './update-flow.js';

/** What a framework's desk bot is built from (each adapter adds its own way to skip getMe). */
export interface DeskBotOptions {
  token: string;
  /** TELEGRAM_API_ROOT: the public Bot API, a local Bot API server, or a test's fake. */
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  /** Counts each handled update, and each failed Bot API attempt (by the outgoing-call policy). */
  metrics: Pick<Metrics, 'updateHandled' | 'telegramApiError'>;
  /** Decides on each update as it arrives (served chats, rate limit); without it every update is handled. */
  admission?: UpdateAdmission;
  /** The outgoing-call policy's knobs (retries, their cap, pacing); Telegram's limits by default. */
  apiPolicy?: ApiPolicyKnobs;
  /**
   * Called when an update is done: its response sent, or dealt with as it arrived (dropped, the chat left).
   * For tests that wait for a whole exchange.
   */
  onUpdateHandled?: (event: { updateId: number; kind: DeskInputKind | 'other'; seconds: number }) => void;
}

/** One update as the framework's middleware sees it, and the framework's ways to answer it. */
export interface DeskUpdate {
  updateId: number;
  chatType: string | null;
  /** The desk's input, or null for what the desk does not handle. */
  toInput(): DeskInput | null;
  /** Answers the update's callback query (stopping its spinner), with the toast when there is one. */
  answerCallback?(toast?: DeskResponse['toast']): Promise<unknown>;
  /** Carries out the rest of the desk's response (HTML, inline keyboards); the callback is answered apart. */
  send(input: DeskInput, response: DeskResponse, log: Logger): Promise<void>;
}

/**
 * Hands one update to the desk and sends its response, with a child logger per update; whatever happens,
 * counts the update as handled (its kind and seconds, once its response is out) and tells `onUpdateHandled`.
 * Updates not for the desk are ignored (a callback query among them is answered, so that its button stops
 * spinning). The callback answer goes at once and the rest waits in the chat's line of the outbox: this
 * resolves as soon as the response is queued, so that paced sends never hold the update.
 */
export async function handleDeskUpdate(
  opts: DeskBotOptions,
  outbox: ReplyOutbox,
  update: DeskUpdate,
): Promise<void> {
  const started = performance.now();
  const log = opts.logger.child({ update_id: update.updateId, chat_type: update.chatType });
  const input = update.toInput();
  let delivered: Promise<void> | null = null;
  const report = () => {
    const seconds = (performance.now() - started) / 1000;
    const kind = input?.kind ?? 'other';
    opts.metrics.updateHandled(kind, seconds);
    opts.onUpdateHandled?.({ updateId: update.updateId, kind, seconds });
  };
  try {
    if (!input) {
      await update.answerCallback?.().catch(() => undefined);
      log.debug('update not for the desk; ignored');
      return;
    }
    const response = await opts.desk.handle(input, log);
    await update.answerCallback?.(response.toast).catch((err: unknown) => {
      log.error({ err, what: 'answerCallbackQuery' }, 'Bot API call failed');
    });
    delivered = outbox.post(input.sender.chatId, () => update.send(input, response, log));
  } finally {
    if (delivered) void delivered.then(report);
    else report();
  }
}

/**
 * A desk bot's update flow: the bot's admission, its outbox, and `onUpdateHandled` told of each update dealt
 * with as it arrived (kind 'other', no time spent on the desk).
 */
export function deskUpdateFlow(
  opts: DeskBotOptions,
  outbox: ReplyOutbox,
  botUsername: () => string,
  api: FlowApi,
): UpdateFlow {
  return createUpdateFlow({
    ...(opts.admission ? { admission: opts.admission } : {}),
    outbox,
    api,
    botUsername,
    log: opts.logger,
    onDealtWith: (updateId) => opts.onUpdateHandled?.({ updateId, kind: 'other', seconds: 0 }),
  });
}

/**
 * Registers the "/" command menu in each language and the default one; failures are logged, never thrown.
 */
export async function announceCommandMenus(
  opts: Pick<DeskBotOptions, 'desk' | 'logger'>,
  defaultLanguage: Language,
  setMyCommands: (
    commands: { command: string; description: string }[],
    params: { language_code?: Language },
  ) => Promise<unknown>,
): Promise<void> {
  for (const { languageCode, commands } of commandMenus(opts.desk, defaultLanguage)) {
    await setMyCommands(commands, languageCode ? { language_code: languageCode } : {}).catch((err: unknown) =>
      opts.logger.warn({ err, language_code: languageCode }, 'setMyCommands failed'),
    );
  }
}
