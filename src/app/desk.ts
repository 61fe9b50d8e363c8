import type { KnowledgeStore } from '../core/knowledge-base/snapshot.js';
import { languageFromClientCode } from '../core/language/client-language.js';
import type { Language } from '../core/language/languages.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import { decodeCallback } from './callback-data.js';
import type { DeskInput, DeskGuard } from './desk-input.js';
import type { DeskContext, DeskResponse, Feature } from './feature.js';
import type { LanguagePreferences } from './language-preferences.js';
import { capResponse } from './render/cap-response.js';
import { createRouter } from './router.js';

export interface DeskDeps {
  /** In registration order; text and attachments are offered in this order, so the catch-all comes last. */
  features: Feature[];
  store: KnowledgeStore;
  translate: Translate;
  preferences: LanguagePreferences;
  defaultLanguage: Language;
  logger: Logger;
  guards?: DeskGuard[];
}

export interface Desk {
  /**
   * Handles one update and says what to send. Never throws: a failing feature is logged with the update_id
   * and becomes a short apology in the user's language. Every message in the response is capped for Telegram.
   * `log` is the update's own logger when the adapter already made one (one child logger per update).
   */
  handle(input: DeskInput, log?: Logger): Promise<DeskResponse>;
  /** The "/" menu of private chats in one language, for setMyCommands. */
  commandMenu(lang: Language): { command: string; description: string }[];
}

type Router = ReturnType<typeof createRouter>;

/** The user's chosen language, else their Telegram client's, else the desk's default. */
async function interfaceLanguage(deps: DeskDeps, input: DeskInput, log: Logger) {
  let chosen: Language | null = null;
  try {
    chosen = await deps.preferences.get(input.sender.userId);
  } catch (err) {
    // The port promises never to throw; a broken implementation must still not cost the user an answer.
    log.warn({ err }, 'language preference lookup failed');
  }
  const lang = chosen ?? languageFromClientCode(input.sender.languageCode) ?? deps.defaultLanguage;
  return { chosen, lang };
}

async function buildContext(
  deps: DeskDeps,
  input: DeskInput,
  log: Logger,
  notes: Record<string, unknown>,
): Promise<DeskContext> {
  const { chosen, lang } = await interfaceLanguage(deps, input, log);
  return {
    sender: input.sender,
    updateId: input.updateId,
    lang,
    chosenLanguage: chosen,
    t: (key, vars) => deps.translate(lang, key, vars),
    tIn: deps.translate,
    snapshot: deps.store.current(),
    log,
    note: (fields) => Object.assign(notes, fields),
  };
}

/**
 * Starts every guard now, before the context is awaited, so that a guard's Redis call and the language
 * lookup go out together. A guard that throws at once rejects its verdict like one that fails later; should
 * the context fail, the verdicts are never awaited, and their rejections are marked handled here.
 */
function startGuards(
  guards: DeskGuard[],
  input: DeskInput,
  context: Promise<DeskContext>,
): Promise<DeskResponse | null>[] {
  return guards.map((check) => {
    // The executor runs the guard at once; a throw becomes a rejection, and any return value a promise.
    const verdict = new Promise<DeskResponse | null>((resolve) => resolve(check(input, context)));
    verdict.catch(() => undefined);
    return verdict;
  });
}

/** What the first guard that responds says, in guard order, or null when all let the update through. */
async function firstResponse(verdicts: Promise<DeskResponse | null>[]): Promise<DeskResponse | null> {
  for (const verdict of verdicts) {
    const response = await verdict;
    if (response) return response;
  }
  return null;
}

function route(router: Router, input: DeskInput, ctx: DeskContext): Promise<DeskResponse> {
  switch (input.kind) {
    case 'command':
      return router.command(input.command, ctx);
    case 'text':
      return router.text(input.text, ctx);
    case 'attachment':
      return router.attachment(input.attachment, ctx);
    case 'callback': {
      const decoded = decodeCallback(input.callback.data);
      return router.callback(decoded, input.callback.messageId, ctx);
    }
  }
}

/** A short apology in the user's language: an alert for a tapped button, a message otherwise. */
function apology(deps: DeskDeps, input: DeskInput, lang: Language): DeskResponse {
  const text = deps.translate(lang, 'errors:apology');
  return input.kind === 'callback' ? { toast: { text, alert: true } } : { replies: [{ html: text }] };
}

/** The platform-free heart of the bot: builds each update's context, routes it, and is its one error boundary. */
export function createDesk(deps: DeskDeps): Desk {
  const router = createRouter(deps.features);
  const guards = deps.guards ?? [];

  return {
    async handle(input, updateLog) {
      const started = performance.now();
      const log =
        updateLog ?? deps.logger.child({ update_id: input.updateId, chat_type: input.sender.chatType });
      let lang = deps.defaultLanguage;
      let response: DeskResponse;
      const notes: Record<string, unknown> = {};
      try {
        const context = buildContext(deps, input, log, notes);
        const verdicts = startGuards(guards, input, context);
        const ctx = await context;
        // Known before any guard is awaited, so that a failing guard's apology is in the user's language too.
        lang = ctx.lang;
        response = (await firstResponse(verdicts)) ?? (await route(router, input, ctx));
      } catch (err) {
        log.error(
          { err, update_id: input.updateId, kind: input.kind },
          'update failed; apologising to the user',
        );
        response = apology(deps, input, lang);
      }
      const ms = Math.round(performance.now() - started);
      // One info line an update (pino serialises each line on this process's time): features add to it.
      log.info({ ...notes, kind: input.kind, ms }, 'update handled');
      return capResponse(response);
    },
    commandMenu(lang) {
      return deps.features.flatMap((feature) =>
        (feature.menu ?? []).map(({ command, descriptionKey }) => ({
          command,
          description: deps.translate(lang, descriptionKey),
        })),
      );
    },
  };
}
