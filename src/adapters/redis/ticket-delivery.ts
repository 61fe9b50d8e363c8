import type { Redis } from 'ioredis';
import type { DeliveryRecords, RelayTurn, SentRelay } from '../../app/follow-up/delivery-records.js';
import type { WorkItem } from '../../app/follow-up/work-items.js';
import { guarded } from './ticket-guard.js';
import { MESSAGE_RECORD_TTL_SECONDS, ticketKeys, type TicketKeys } from './ticket-keys.js';
import { deleteWork, readPendingWork, readStaleBacklog } from './ticket-outbox.js';
import { writeStaffTarget } from './ticket-serialise.js';

export interface RedisDeliveryRecordsOptions {
  redis: Redis;
  staffChatId: number;
  prefix?: string;
}

/**
 * DeliveryRecords over the follow-up store's keys (see ticket-keys.ts): the outbox and the relays' lines that
 * the tickets' commits fill (ticket-store.ts), and the messages relays left. Failures surface as the follow-up
 * errors (see ticket-guard.ts).
 */
export class RedisDeliveryRecords implements DeliveryRecords {
  private readonly redis: Redis;
  private readonly keys: TicketKeys;
  private readonly staffChatId: number;
  /** How long a relayed message (in the staff chat or a user's chat) leads to its ticket. */
  private readonly ttlSeconds = MESSAGE_RECORD_TTL_SECONDS;

  constructor(options: RedisDeliveryRecordsOptions) {
    this.redis = options.redis;
    this.keys = ticketKeys(options.prefix);
    this.staffChatId = options.staffChatId;
  }

  relaySent(sent: SentRelay): Promise<void> {
    const [mapping, value] =
      sent.to.queue === 'user'
        ? [this.keys.userMessage(sent.to.chatId, sent.messageId), String(sent.ticket)]
        : [
            this.keys.staffMessage(this.staffChatId, sent.messageId),
            writeStaffTarget({ kind: 'ticket', number: sent.ticket }),
          ];
    return guarded('relaySent', async () => {
      const step = this.redis.multi().set(mapping, value, 'EX', this.ttlSeconds);
      if (sent.lineId !== undefined)
        step.lrem(this.keys.relayOrder(sent.ticket, sent.to.queue), 1, sent.lineId);
      const results = await step.exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (!results || failed) throw failed ?? new Error('relay record aborted');
    });
  }

  userMessageTicket(chatId: number, messageId: number): Promise<number | null> {
    return guarded('userMessageTicket', async () => {
      const value = await this.redis.get(this.keys.userMessage(chatId, messageId));
      return value === null ? null : Number(value);
    });
  }

  /**
   * 'now' when every earlier relay in its direction is delivered, 'later' when one is not yet, 'done' when it
   * left the line (delivered, or given up).
   */
  relayTurn(number: number, queue: 'staff' | 'user', id: string): Promise<RelayTurn> {
    return guarded('relayTurn', async () => {
      const position = await this.redis.lpos(this.keys.relayOrder(number, queue), id);
      if (position === null) return 'done';
      return position === 0 ? 'now' : 'later';
    });
  }

  relayDone(number: number, queue: 'staff' | 'user', id: string): Promise<void> {
    return guarded('relayDone', async () => {
      await this.redis.lrem(this.keys.relayOrder(number, queue), 1, id);
    });
  }

  markUndeliverable(number: number): Promise<boolean> {
    const key = this.keys.ticket(number);
    return guarded('markUndeliverable', async () => {
      const [[, before] = []] =
        (await this.redis
          .multi()
          .hget(key, 'undeliverable')
          .hset(key, 'undeliverable', '1')
          .hincrby(key, 'v', 1)
          .exec()) ?? [];
      return before !== '1';
    });
  }

  pendingWork(ageMs: number, now: number, limit: number): Promise<WorkItem[]> {
    return guarded('pendingWork', () => readPendingWork(this.redis, this.keys, ageMs, now, limit));
  }

  staleBacklog(ageMs: number, now: number, limit: number): Promise<number[]> {
    return guarded('staleBacklog', () => readStaleBacklog(this.redis, this.keys, ageMs, now, limit));
  }

  clearWork(ids: string[]): Promise<void> {
    return guarded('clearWork', () => deleteWork(this.redis, this.keys, ids));
  }
}
