import type { Logger } from '../../logger.js';
import { isPermanentDeliveryError } from '../delivery-error.js';
import type { BoundTranslate } from '../feature.js';
import type { Messenger } from '../types.js';
import type { StaffChatRecords } from './staff-chat-records.js';

/** topics: a forum staff chat where the bot may manage topics (a topic per ticket); replies: a plain group. */
export type StaffChatMode = 'topics' | 'replies';

/** How long a detected mode holds before it is asked again (rights and forum mode change rarely). */
export const FORUM_RECHECK_MS = 10 * 60_000;

/** The notice "the bot may not manage topics", given once until the right is there again. */
const RIGHTS_NOTICE = 'forum-rights';

export interface StaffForumDeps {
  messenger: Messenger;
  staffChat: Pick<StaffChatRecords, 'firstNotice' | 'forgetNotice'>;
  staffChatId: number;
  /** Translate into the staff chat's language. */
  t: BoundTranslate;
  log: Logger;
  recheckMs?: number;
  now?: () => number;
}

/** Says once (until the right is there again) that the bot may not manage the forum's topics. */
async function tellRightsMissing(deps: Omit<StaffForumDeps, 'recheckMs' | 'now'>): Promise<void> {
  if (!(await deps.staffChat.firstNotice(RIGHTS_NOTICE))) return;
  deps.log.warn(
    { chat: deps.staffChatId },
    'the staff chat is a forum but the bot may not manage topics: tickets are posted as replies, not topics',
  );
  try {
    await deps.messenger.send(deps.staffChatId, { html: deps.t('staff:forum_rights_missing') });
  } catch (error) {
    // Not told yet: the next detection tries again.
    await deps.staffChat.forgetNotice(RIGHTS_NOTICE);
    throw error;
  }
}

/** Asks Telegram for the staff chat's mode, telling staff when a forum lacks the right. */
async function detectMode(deps: Omit<StaffForumDeps, 'recheckMs' | 'now'>): Promise<StaffChatMode> {
  const access = await deps.messenger.forumAccess(deps.staffChatId);
  if (!access.forum) return 'replies';
  if (!access.manageTopics) {
    await tellRightsMissing(deps);
    return 'replies';
  }
  // Told again should the right be taken away later.
  await deps.staffChat.forgetNotice(RIGHTS_NOTICE);
  return 'topics';
}

/**
 * Whether tickets get a topic each: the staff chat is a forum supergroup (getChat) and the bot holds the
 * "manage topics" right (getChatMember). Asked when the worker starts, again after FORUM_RECHECK_MS and after
 * a topic call Telegram refused. A forum without the right keeps today's replies, and the staff chat (its
 * General topic) and the log hear of it once.
 */
export function createStaffForum(deps: StaffForumDeps) {
  const now = deps.now ?? Date.now;
  const recheckMs = deps.recheckMs ?? FORUM_RECHECK_MS;
  let known: { mode: StaffChatMode; at: number } | null = null;

  return {
    /** The staff chat's mode, asked again once the last answer is older than the recheck interval. */
    async mode(): Promise<StaffChatMode> {
      if (known && now() - known.at < recheckMs) return known.mode;
      const mode = await detectMode(deps);
      known = { mode, at: now() };
      return mode;
    },

    /** Asks Telegram again at the next `mode()` when a topic call was refused for good (a right taken away). */
    checkAfter(error: unknown): void {
      if (isPermanentDeliveryError(error)) known = null;
    },

    /** Detection at worker start, so that a missing right is told before the first ticket. */
    start(): void {
      this.mode().catch((err: unknown) =>
        deps.log.warn({ err }, 'staff chat forum mode not detected yet; asked again with the next ticket'),
      );
    },
  };
}

export type StaffForum = ReturnType<typeof createStaffForum>;
