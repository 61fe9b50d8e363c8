import type { Rating } from './answer-memory.js';
import type { AnswerOutcome } from '../core/answer/types.js';
import type { AttachmentInput, CommandInput, DeskContext, DeskResponse, TextInput } from './feature.js';
import type { Sender } from './types.js';

interface InputBase {
  /** Telegram's update_id. */
  updateId: number;
  sender: Sender;
}

/**
 * One update as the desk sees it, whatever the framework. Adapters build it from grammY or telegraf contexts;
 * callback data arrives raw because decoding it (and refusing stale buttons) is the desk's job.
 */
export type DeskInput =
  | (InputBase & { kind: 'command'; command: CommandInput })
  | (InputBase & { kind: 'text'; text: TextInput })
  | (InputBase & { kind: 'callback'; callback: { data: string; messageId: number } })
  | (InputBase & { kind: 'attachment'; attachment: AttachmentInput });

export type DeskInputKind = DeskInput['kind'];

/**
 * Runs before routing (rate limits, say). A response ends the update there; null lets it through. A guard
 * that drops an update silently returns `{}`. The guard starts while the update's context is still being
 * built (the user's language is looked up): it makes its own check alongside, and awaits the context only to
 * word a response. Guards run side by side; the first in order that responds decides.
 */
export type DeskGuard = (input: DeskInput, context: Promise<DeskContext>) => Promise<DeskResponse | null>;

/** What the question feature reports for metrics; src/observability's Metrics fits it. Cheap, never throws. */
export interface AnswerObserver {
  /** The core answered a question; `seconds` is the time of `snapshot.answer()` alone. */
  answerGiven(outcome: AnswerOutcome, seconds: number): void;
  /** A 👍 or 👎 on an answer was counted. */
  answerRated(rating: Rating): void;
}
