import { commandMenus } from '../app/command-menus.js';
import type { Desk } from '../app/desk.js';
import type { DeskInput, DeskInputKind } from '../app/desk-input.js';
import type { DeskResponse } from '../app/feature.js';
import type { Language } from '../core/language/languages.js';
import type { Logger } from '../logger.js';

/** What a framework's desk bot is built from (each adapter adds its own botInfo and retry types). */
export interface DeskBotOptions {
  token: string;
  /** TELEGRAM_API_ROOT: the public Bot API, a local Bot API server, or a test's fake. */
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  /** Every failed Bot API attempt (for metrics), with Telegram's error code or 'network'. */
  onApiError?: (method: string, code: number | 'network') => void;
  /** Called when an update is done, its response sent (metrics, and tests that wait for a whole exchange). */
  onUpdateHandled?: (event: { updateId: number; kind: DeskInputKind | 'other'; seconds: number }) => void;
}

/** One update as the framework's middleware sees it, and the framework's ways to answer it. */
export interface DeskUpdate {
  updateId: number;
  chatType: string | null;
  /** The desk's input, or null for what the desk does not handle. */
  toInput(): DeskInput | null;
  /** Stops the spinner of a callback query the desk does not handle; failures are ignored by the caller. */
  dismissCallback?(): Promise<unknown>;
  /** Carries out the desk's response (HTML, inline keyboards) for this input. */
  send(input: DeskInput, response: DeskResponse, log: Logger): Promise<void>;
}

/**
 * Hands one update to the desk and sends its response, with a child logger per update; whatever happens,
 * reports the update as handled (its kind and seconds) to `onUpdateHandled`. Updates not for the desk are
 * ignored (a callback query among them is answered, so that its button stops spinning).
 */
export async function handleDeskUpdate(opts: DeskBotOptions, update: DeskUpdate): Promise<void> {
  const started = performance.now();
  const log = opts.logger.child({ update_id: update.updateId, chat_type: update.chatType });
  const input = update.toInput();
  try {
    if (!input) {
      await update.dismissCallback?.().catch(() => undefined);
      log.debug('update not for the desk; ignored');
      return;
    }
    const response = await opts.desk.handle(input, log);
    await update.send(input, response, log);
  } finally {
    const seconds = (performance.now() - started) / 1000;
    opts.onUpdateHandled?.({ updateId: update.updateId, kind: input?.kind ?? 'other', seconds });
  }
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
