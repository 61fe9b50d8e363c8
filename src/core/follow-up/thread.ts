/**
 * A ticket's conversation after its question: what the user and staff wrote or sent, and staff notes, oldest
 * first.
 * Stored with the ticket and bounded, so that a long exchange never grows without end.
 */
import type { AttachmentKind } from './attachment.js';

export type ThreadAuthor = 'user' | 'staff' | 'note';

export interface ThreadEntry {
  from: ThreadAuthor;
  /** The user's or the staff member's first name. */
  name: string;
  at: number;
  /** The message, or an attachment's caption (empty without one). */
  text: string;
  /** The entry was a file of this kind: the thread names it, the file itself stays on Telegram. */
  attachment?: AttachmentKind;
}

export const THREAD_LIMITS = {
  /** Entries kept per ticket (the oldest go first); the question itself is on the ticket. */
  entries: 100,
  /** A conversation nobody wrote to from the staff side for this long hands the user back to the bot. */
  idleMs: 7 * 24 * 3600_000,
} as const;

/** The entries a user may see of their own ticket: staff notes stay internal. */
export function visibleToUser(entries: ThreadEntry[]): ThreadEntry[] {
  return entries.filter((entry) => entry.from !== 'note');
}
