import type { StaffMember } from '../../core/follow-up/ticket.js';
import type { Language } from '../../core/language/languages.js';
import type { Translate } from '../../i18n/translator.js';
import type { BoundTranslate, DeskContext, DeskResponse } from '../feature.js';
import type { StaffActions } from '../follow-up/staff-actions.js';
import { FollowUpCorruptError, FollowUpUnavailableError } from '../follow-up/ticket-store.js';

export interface StaffChatDeps {
  actions: StaffActions;
  /** STAFF_CHAT_ID: the only chat whose messages count as staff actions. */
  staffChatId: number;
  /** The staff chat's language (one chat, one language, whoever writes). */
  staffLanguage: Language;
  translate: Translate;
  now?: () => number;
}

/** What every staff command, answer and button shares: who counts as staff, and the staff chat's language. */
export interface StaffChat {
  readonly actions: StaffActions;
  readonly now: () => number;
  /** Translations in the staff chat's language. */
  readonly t: BoundTranslate;
  isStaff(ctx: DeskContext): boolean;
  /** The staff member behind a message or a tap, named as the ticket records them. */
  who(ctx: DeskContext): StaffMember;
  /** One message in reply to `to`. */
  reply(html: string, to: number): DeskResponse;
  /**
   * Runs a staff action only in the staff chat (a private chat is told where staff act; elsewhere nothing
   * happens); a store outage or corrupt data becomes a clear message made by `onUnavailable`.
   */
  staffOnly(
    ctx: DeskContext,
    run: () => Promise<DeskResponse>,
    onUnavailable: (html: string) => DeskResponse,
  ): Promise<DeskResponse>;
}

export function createStaffChat(deps: StaffChatDeps): StaffChat {
  const t: BoundTranslate = (key, vars) => deps.translate(deps.staffLanguage, key, vars);
  const isStaff = (ctx: DeskContext) => ctx.sender.chatId === deps.staffChatId;

  async function staffOnly(
    ctx: DeskContext,
    run: () => Promise<DeskResponse>,
    onUnavailable: (html: string) => DeskResponse,
  ): Promise<DeskResponse> {
    if (!isStaff(ctx))
      return ctx.sender.chatType === 'private' ? { replies: [{ html: ctx.t('staff:only_staff_chat') }] } : {};
    try {
      return await run();
    } catch (err) {
      if (err instanceof FollowUpCorruptError) {
        ctx.log.error({ err: err.message }, 'follow-up data corrupt');
        return onUnavailable(t('errors:apology'));
      }
      if (!(err instanceof FollowUpUnavailableError)) throw err;
      ctx.log.warn({ err: err.message, operation: err.operation }, 'staff action while tickets unavailable');
      return onUnavailable(t('staff:unavailable'));
    }
  }

  return {
    actions: deps.actions,
    now: deps.now ?? Date.now,
    t,
    isStaff,
    who: (ctx) => ({
      id: ctx.sender.userId,
      name: ctx.sender.firstName ?? ctx.sender.username ?? String(ctx.sender.userId),
    }),
    reply: (html, to) => ({ replies: [{ html, replyTo: to }] }),
    staffOnly,
  };
}
