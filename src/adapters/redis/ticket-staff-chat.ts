import type { Redis } from 'ioredis';
import type {
  StaffChatRecords,
  StaffMessageTarget,
  TicketTopic,
} from '../../app/follow-up/staff-chat-records.js';
import type { WorkItem } from '../../app/follow-up/work-items.js';
import { guarded } from './ticket-guard.js';
import { MESSAGE_RECORD_TTL_SECONDS, ticketKeys, type TicketKeys } from './ticket-keys.js';
import { MARK_ANNOUNCED } from './ticket-scripts.js';
import { readStaffTarget, writeStaffTarget, workEntries } from './ticket-serialise.js';
import { forgetTopic, markTopic, readTopic, writeTopic } from './ticket-topics.js';

export interface RedisStaffChatRecordsOptions {
  redis: Redis;
  staffChatId: number;
  prefix?: string;
}

type ScriptRedis = Redis & {
  fuMarkAnnounced(...args: (string | number)[]): Promise<string>;
};

/**
 * StaffChatRecords over the follow-up store's keys (see ticket-keys.ts), beside the tickets they point to
 * (ticket-store.ts). Failures surface as the follow-up errors (see ticket-guard.ts).
 */
export class RedisStaffChatRecords implements StaffChatRecords {
  private readonly redis: ScriptRedis;
  private readonly keys: TicketKeys;
  private readonly staffChatId: number;
  /** How long a staff-chat message leads to its tickets, and a topic's record is kept. */
  private readonly ttlSeconds = MESSAGE_RECORD_TTL_SECONDS;

  constructor(options: RedisStaffChatRecordsOptions) {
    this.keys = ticketKeys(options.prefix);
    this.staffChatId = options.staffChatId;
    const redis = options.redis as ScriptRedis;
    redis.defineCommand('fuMarkAnnounced', { numberOfKeys: 4, lua: MARK_ANNOUNCED });
    this.redis = redis;
  }

  backlog(limit: number): Promise<{ numbers: number[]; total: number }> {
    return guarded('backlog', async () => {
      const [numbers, total] = await Promise.all([
        this.redis.zrange(this.keys.backlog, 0, String(limit - 1)),
        this.redis.zcard(this.keys.backlog),
      ]);
      return { numbers: numbers.map(Number), total };
    });
  }

  markAnnounced(numbers: number[], messageId: number, now: number, work: WorkItem[]): Promise<void> {
    const k = this.keys;
    const single = numbers.length === 1;
    const target: StaffMessageTarget = single
      ? { kind: 'ticket', number: numbers[0]! }
      : { kind: 'digest', numbers };
    return guarded('markAnnounced', async () => {
      await this.redis.fuMarkAnnounced(
        ...[k.backlog, k.outbox, k.outboxDue, k.staffMessage(this.staffChatId, messageId), k.ticketPrefix],
        ...[now, messageId, single ? '1' : '0', writeStaffTarget(target), this.ttlSeconds],
        ...[JSON.stringify(numbers), JSON.stringify(workEntries(work))],
      );
    });
  }

  mapStaffMessage(messageId: number, target: StaffMessageTarget): Promise<void> {
    const key = this.keys.staffMessage(this.staffChatId, messageId);
    return guarded('mapStaffMessage', async () => {
      await this.redis.set(key, writeStaffTarget(target), 'EX', this.ttlSeconds);
    });
  }

  staffMessageTarget(messageId: number): Promise<StaffMessageTarget | null> {
    return guarded('staffMessageTarget', async () =>
      readStaffTarget(await this.redis.get(this.keys.staffMessage(this.staffChatId, messageId))),
    );
  }

  setTopic(topic: TicketTopic & { threadId: number }): Promise<void> {
    return guarded('setTopic', () => writeTopic(this.redis, this.keys, topic, this.ttlSeconds));
  }

  topic(threadId: number): Promise<TicketTopic | null> {
    return guarded('topic', () => readTopic(this.redis, this.keys, threadId));
  }

  markTopic(threadId: number, shown: Pick<TicketTopic, 'name' | 'closed'>): Promise<void> {
    return guarded('markTopic', () => markTopic(this.redis, this.keys, threadId, shown));
  }

  forgetTopic(number: number, threadId: number, work: WorkItem[]): Promise<boolean> {
    return guarded('forgetTopic', () =>
      forgetTopic(this.redis, this.keys, { number, threadId, work: workEntries(work), now: Date.now() }),
    );
  }

  firstNotice(name: string): Promise<boolean> {
    return guarded(
      'firstNotice',
      async () => (await this.redis.set(this.keys.notice(name), '1', 'NX')) === 'OK',
    );
  }

  forgetNotice(name: string): Promise<void> {
    return guarded('forgetNotice', async () => {
      await this.redis.del(this.keys.notice(name));
    });
  }
}
