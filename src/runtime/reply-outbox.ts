import type { Logger } from '../logger.js';
import { createInFlight } from './in-flight.js';

/**
 * Replies waiting to go out, chat by chat. Sending is paced per chat (1 a second in a private chat, about 17
 * a minute in a group), so that a chat with many replies waits for its own turn here instead of holding the
 * update slots that other chats need.
 */
export interface ReplyOutbox {
  /**
   * Runs `deliver` once the chat's earlier deliveries are done; the promise settles when it has run (it never
   * rejects). Returns null, and drops the delivery, when the chat already has `maxBacklog` waiting.
   */
  post(chatId: number, deliver: () => Promise<void>): Promise<void> | null;
  /** Resolves true once nothing waits (or false when `timeoutMs` passes first), for shutdown. */
  drained(timeoutMs: number): Promise<boolean>;
}

export interface ReplyOutboxOptions {
  log: Logger;
  /**
   * Deliveries a chat may have waiting, the one being sent included. Default 30: more than a user within the
   * rate limit can cause (20 answers and the notice a minute), and about half a minute of a private chat's
   * pace; a backlog beyond that is a flood, whose answers would come too late to help anyone.
   */
  maxBacklog?: number;
}

interface ChatLine {
  tail: Promise<void>;
  waiting: number;
  dropped: number;
}

/** One line per chat with replies waiting; lines disappear when they empty, so memory follows busy chats. */
export function createReplyOutbox(opts: ReplyOutboxOptions): ReplyOutbox {
  const maxBacklog = opts.maxBacklog ?? 30;
  const lines = new Map<number, ChatLine>();
  const inFlight = createInFlight();

  const settle = (chatId: number, line: ChatLine) => {
    line.waiting -= 1;
    if (line.waiting > 0) return;
    lines.delete(chatId);
    if (line.dropped > 0) opts.log.warn({ chatId, dropped: line.dropped }, 'reply backlog cleared');
  };

  return {
    post(chatId, deliver) {
      const line = lines.get(chatId) ?? { tail: Promise.resolve(), waiting: 0, dropped: 0 };
      if (line.waiting >= maxBacklog) {
        // One line a flood, when it starts; the count follows when the chat has caught up.
        if (line.dropped++ === 0)
          opts.log.warn({ chatId, maxBacklog }, 'reply backlog full: dropping replies');
        return null;
      }
      lines.set(chatId, line);
      line.waiting += 1;
      const run = line.tail
        .then(deliver)
        .catch((err: unknown) => opts.log.error({ err, chatId }, 'reply delivery failed'))
        .finally(() => settle(chatId, line));
      line.tail = run;
      return inFlight.track(run);
    },
    drained: (timeoutMs) => inFlight.drained(timeoutMs),
  };
}
