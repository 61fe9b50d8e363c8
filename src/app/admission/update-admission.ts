import { languageFromClientCode } from '../../core/language/client-language.js';
import type { Language } from '../../core/language/languages.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import type { EarlyDecisions } from '../rate-limit/early-decisions.js';
import type { RateLimitGuard } from '../rate-limit/rate-limit-guard.js';
import { deskInputFromUpdate, type TelegramUpdate } from '../telegram-update.js';
import { originOf, type AdmissionUpdate, type UpdateOrigin } from './update-origin.js';

/** An update as it arrives, before any framework has seen it. */
export type ArrivingUpdate = AdmissionUpdate & TelegramUpdate;

/**
 * handle: on to the desk, in the chat's order. drop: nothing more to do (a button's spinner is stopped with
 * `callbackQueryId`). leave: the bot is in a chat it does not serve; it says `html` there (unless it said so
 * lately) and leaves.
 */
export type Admission =
  | { action: 'handle' }
  | { action: 'drop'; callbackQueryId?: string }
  | { action: 'leave'; chatId: number; html?: string };

/** Remembers, across instances, that the bot told a chat it does not serve it. */
export interface Farewells {
  /** True the first time for this chat in a while, false after. Never throws. */
  first(chatId: number): Promise<boolean>;
}

export interface UpdateAdmissionDeps {
  /** STAFF_CHAT_ID: the one group the bot serves; without it, only private chats. */
  staffChatId?: number;
  rateLimit: RateLimitGuard;
  /** Where the rate-limit decision waits for the desk, which words the notice. */
  early: EarlyDecisions;
  farewells: Farewells;
  translate: Translate;
  defaultLanguage: Language;
  log: Logger;
}

export interface UpdateAdmission {
  /**
   * Decides what becomes of an update as it arrives, before it waits for anything (the chat's earlier updates,
   * paced sends): whether the bot serves the chat, whether the desk would handle it at all, and the sender's
   * rate limit (counted here, once). Quick: one Redis round trip at most.
   */
  admit(update: ArrivingUpdate, botUsername: string): Promise<Admission>;
}

const HANDLE: Admission = { action: 'handle' };

/**
 * The bot serves private chats and the staff chat. Anywhere else (a group someone added it to, a channel) it
 * says once, in the language of whoever added it or wrote there, that it works in private chats, and leaves.
 * The per-user limit applies everywhere but the staff chat.
 */
export function createUpdateAdmission(deps: UpdateAdmissionDeps): UpdateAdmission {
  const staffChats = new Set(deps.staffChatId === undefined ? [] : [deps.staffChatId]);
  const serves = (origin: UpdateOrigin) => origin.chat.type === 'private' || staffChats.has(origin.chat.id);

  /** A group that became a supergroup changes its id: the staff chat keeps being served under the new one. */
  function followMigration(origin: UpdateOrigin): void {
    const { migratedId } = origin;
    if (migratedId === undefined) return;
    if (!staffChats.has(origin.chat.id) && !staffChats.has(migratedId)) return;
    const newId = staffChats.has(origin.chat.id) ? migratedId : origin.chat.id;
    if (staffChats.has(newId)) return;
    staffChats.add(newId);
    deps.log.error(
      { staffChatId: deps.staffChatId, newChatId: newId },
      'the staff chat is now a supergroup with a new id: set STAFF_CHAT_ID to it before the next restart',
    );
  }

  async function farewell(origin: UpdateOrigin, drop: Admission): Promise<Admission> {
    if (origin.kind === 'membership' && !origin.botStays) return drop;
    const chatId = origin.chat.id;
    if (!(await deps.farewells.first(chatId))) {
      // Added again soon after leaving: leave again, without repeating the notice.
      return origin.kind === 'membership' ? { action: 'leave', chatId } : drop;
    }
    const lang = languageFromClientCode(origin.user?.languageCode) ?? deps.defaultLanguage;
    deps.log.info({ chatId, chatType: origin.chat.type }, 'in a chat the desk does not serve: leaving it');
    return { action: 'leave', chatId, html: deps.translate(lang, 'runtime:private_chats_only') };
  }

  return {
    async admit(update, botUsername) {
      const queryId = update.callback_query?.id;
      const drop: Admission = queryId ? { action: 'drop', callbackQueryId: queryId } : { action: 'drop' };
      const origin = originOf(update);
      if (!origin) return drop;
      followMigration(origin);
      if (!serves(origin)) return farewell(origin, drop);
      const input = origin.kind === 'membership' ? null : deskInputFromUpdate(update, botUsername);
      if (!input) return drop;
      const decision = staffChats.has(origin.chat.id) ? 'allow' : await deps.rateLimit(input);
      if (decision === 'drop') return drop;
      deps.early.remember(update.update_id, decision);
      return HANDLE;
    },
  };
}
