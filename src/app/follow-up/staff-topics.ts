import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Messenger } from '../types.js';
import type { StaffForum } from './staff-forum.js';
import type { TicketStore } from './ticket-store.js';
import { topicName } from './topic-name.js';

export interface StaffTopicsDeps {
  store: TicketStore;
  messenger: Messenger;
  forum: StaffForum;
  staffChatId: number;
}

/**
 * Tickets' forum topics in the staff chat: opened with the ticket's announcement, then kept in step with the
 * ticket (✅ and closed when it closes, 👍 / 👎 once rated, open again when it reopens). A refused topic call
 * makes the forum mode be asked again.
 */
export function createStaffTopics(deps: StaffTopicsDeps) {
  async function call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      deps.forum.checkAfter(error);
      throw error;
    }
  }

  return {
    /**
     * The ticket's topic: the one it has (a retried announcement opened it already), else a new one, stored
     * before anything is posted in it.
     */
    async open(ticket: Ticket): Promise<number> {
      if (ticket.topicId !== undefined) return ticket.topicId;
      const name = topicName(ticket);
      const threadId = await call(() => deps.messenger.createTopic(deps.staffChatId, name));
      await deps.store.setTopic({ number: ticket.number, threadId, name, closed: false });
      return threadId;
    },

    /** Brings the topic's title and open/closed state in line with the ticket; false when nothing changed. */
    async sync(number: number): Promise<boolean> {
      const ticket = await deps.store.get(number);
      if (ticket?.topicId === undefined) return false;
      const threadId = ticket.topicId;
      const shown = await deps.store.topic(threadId);
      const name = topicName(ticket);
      const closed = ticket.state === 'closed';
      const change = {
        ...(shown?.name !== name ? { name } : {}),
        ...(shown?.closed !== closed ? { closed } : {}),
      };
      if (Object.keys(change).length === 0) return false;
      await call(() => deps.messenger.editTopic(deps.staffChatId, threadId, change));
      await deps.store.markTopic(threadId, { name, closed });
      return true;
    },
  };
}

export type StaffTopics = ReturnType<typeof createStaffTopics>;
