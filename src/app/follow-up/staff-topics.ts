import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import { isTopicGone } from '../bot-api-failure.js';
import type { Messenger, OutMessage } from '../types.js';
import type { StaffChatRecords, TicketTopic } from './staff-chat-records.js';
import type { StaffForum } from './staff-forum.js';
import type { TicketStore } from './ticket-store.js';
import { topicName } from './topic-name.js';
import { workIds, type WorkDispatcher, type WorkItem } from './work-items.js';

export interface StaffTopicsDeps {
  store: Pick<TicketStore, 'get'>;
  staffChat: Pick<StaffChatRecords, 'setTopic' | 'topic' | 'markTopic' | 'forgetTopic'>;
  messenger: Messenger;
  forum: StaffForum;
  staffChatId: number;
  /** Queues the notice that a topic is gone right away (it is in the outbox too, for the sweeper). */
  dispatcher: WorkDispatcher;
  log: Logger;
}

/** Where a post about a ticket goes: a reply to its card, inside its topic when it has one. */
export type TicketPlace = Pick<OutMessage, 'replyTo' | 'threadId'>;

export const inTicket = (ticket: Ticket): TicketPlace => ({
  replyTo: ticket.staffMessageId,
  threadId: ticket.topicId,
});

/** Runs a topic call; one Telegram refuses for good has the forum mode asked again (a right may be gone). */
async function topicCall<T>(forum: StaffForum, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    forum.checkAfter(error);
    throw error;
  }
}

/**
 * The ticket forgets its deleted topic, and the notice to staff enters the outbox in the same step: only the
 * first post to find the topic gone does this, so staff are told (and the log warns) once per ticket.
 */
async function forgetTopic(
  deps: Pick<StaffTopicsDeps, 'staffChat' | 'dispatcher' | 'log'>,
  number: number,
  threadId: number,
): Promise<void> {
  const notice: WorkItem = {
    id: workIds.topicGone(number),
    queue: 'staff',
    job: { name: 'topic-gone', ticket: number },
  };
  if (!(await deps.staffChat.forgetTopic(number, threadId, [notice]))) return;
  deps.log.warn(
    { ticket: number, thread: threadId },
    "a ticket's forum topic is gone (deleted in the staff chat); its posts go to the General topic",
  );
  void deps.dispatcher
    .dispatch([notice])
    .catch((err: unknown) => deps.log.warn({ err }, 'topic notice not queued yet; the sweeper will'));
}

/**
 * The topic as the ticket should show it (title, closed or open), and what of it differs from what the topic
 * shows now; `change` is empty when nothing does.
 */
function topicChange(ticket: Ticket, shown: TicketTopic | null) {
  const name = topicName(ticket);
  const closed = ticket.state === 'closed';
  const change = {
    ...(shown?.name !== name ? { name } : {}),
    ...(shown?.closed !== closed ? { closed } : {}),
  };
  return { name, closed, change };
}

/**
 * Tickets' forum topics in the staff chat: opened with the ticket's announcement, then kept in step with the
 * ticket (✅ and closed when it closes, 👍 / 👎 once rated, open again when it reopens). A refused topic call
 * makes the forum mode be asked again. A topic staff deleted is forgotten by its ticket, whose posts then go to
 * the General topic as without a forum; staff hear of it once.
 */
export function createStaffTopics(deps: StaffTopicsDeps) {
  return {
    /**
     * The ticket's topic: the one it has (a retried announcement opened it already), else a new one, stored
     * before anything is posted in it.
     */
    async open(ticket: Ticket): Promise<number> {
      if (ticket.topicId !== undefined) return ticket.topicId;
      const name = topicName(ticket);
      const threadId = await topicCall(deps.forum, () => deps.messenger.createTopic(deps.staffChatId, name));
      await deps.staffChat.setTopic({ number: ticket.number, threadId, name, closed: false });
      return threadId;
    },

    /**
     * Posts about the ticket in its place (`inTicket`). Should Telegram say that its topic is gone, the ticket
     * forgets it and the post goes to the General topic instead: a reply to the card if Telegram still has it
     * (Telegram deletes a topic's messages with it), else a post of its own, which names the ticket.
     */
    async post<T>(ticket: Ticket, send: (place: TicketPlace) => Promise<T>): Promise<T> {
      try {
        return await send(inTicket(ticket));
      } catch (error) {
        if (ticket.topicId === undefined || !isTopicGone(error)) throw error;
        await forgetTopic(deps, ticket.number, ticket.topicId);
        return send({ replyTo: ticket.staffMessageId });
      }
    },

    /** Brings the topic's title and open/closed state in line with the ticket; false when nothing changed. */
    async sync(number: number): Promise<boolean> {
      const ticket = await deps.store.get(number);
      if (ticket?.topicId === undefined) return false;
      const threadId = ticket.topicId;
      const { name, closed, change } = topicChange(ticket, await deps.staffChat.topic(threadId));
      if (Object.keys(change).length === 0) return false;
      try {
        await topicCall(deps.forum, () => deps.messenger.editTopic(deps.staffChatId, threadId, change));
      } catch (error) {
        if (!isTopicGone(error)) throw error;
        await forgetTopic(deps, number, threadId);
        return false;
      }
      await deps.staffChat.markTopic(threadId, { name, closed });
      return true;
    },
  };
}

export type StaffTopics = ReturnType<typeof createStaffTopics>;
