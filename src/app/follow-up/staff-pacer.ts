/** A permission to post one message into the staff chat now, or how long to wait for one. */
export type PaceSlot = { ok: true; left: number } | { ok: false; waitMs: number };

/**
 * The staff chat's shared message budget (about 20 a minute per group, for every worker together). Posting
 * work takes a slot before it sends; `left` (messages that could still go at once after this one) lets the
 * poster choose digests under a burst.
 */
export interface StaffPacer {
  take(): Promise<PaceSlot>;
  /** Telegram answered 429 for the staff chat: nobody posts there before `ms` from now. */
  holdFor(ms: number): Promise<void>;
}
