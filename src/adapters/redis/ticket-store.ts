import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { STAFF_CHANNEL, type UserRef } from '../../core/channel.js';
import { FOLLOW_UP_LIMITS, questionFingerprint } from '../../core/follow-up/limits.js';
import { ticketNumberFor } from '../../core/follow-up/ticket-number.js';
import { THREAD_LIMITS, type ThreadEntry } from '../../core/follow-up/thread.js';
import { isOpen, type Ticket, type TicketDraft } from '../../core/follow-up/ticket.js';
import {
  FollowUpCorruptError,
  FollowUpUnavailableError,
  type CommitOptions,
  type CommitResult,
  type CreateResult,
  type RatingCounts,
  type RelayTurn,
  type SentRelay,
  type StaffMessageTarget,
  type TicketStore,
  type TicketTopic,
} from '../../app/follow-up/ticket-store.js';
import type { WorkItem } from '../../app/follow-up/work-items.js';
import { decodeTicket, encodeTicket, OPTIONAL_FIELDS, parseStored } from './ticket-codec.js';
import { ticketKeys, type TicketKeys } from './ticket-keys.js';
import { COMMIT_TICKET, CREATE_TICKET, MARK_ANNOUNCED } from './ticket-scripts.js';
import { deleteWork, readPendingWork, readStaleBacklog } from './ticket-outbox.js';
import { readLatestTalk, readRelayTurn, readThread } from './ticket-conversation.js';
import { forgetTopic, markTopic, readTopic, writeTopic } from './ticket-topics.js';
import { readStaffTarget, writeStaffTarget, workEntries } from './ticket-serialise.js';

export interface RedisTicketStoreOptions {
  redis: Redis;
  staffChatId: number;
  prefix?: string;
  draftTtlMs?: number;
  /** How long a handled update id is remembered (redeliveries come within minutes, so a day is ample). */
  updateTtlSeconds?: number;
  staffMessageTtlSeconds?: number;
  /** How long a rating stays in the index that /queue counts. */
  ratingsKeptMs?: number;
  expectQuestionTtlMs?: number;
}

type ScriptRedis = Redis & {
  fuCreateTicket(...args: (string | number)[]): Promise<[string, number, string[]?]>;
  fuCommitTicket(...args: (string | number)[]): Promise<CommitResult>;
  fuMarkAnnounced(...args: (string | number)[]): Promise<string>;
};

/**
 * TicketStore over Redis hashes and sorted sets (see ticket-keys.ts). A Redis failure (unreachable, timed
 * out, an error reply) surfaces as FollowUpUnavailableError, which the features turn into "can't take
 * requests right now"; data that cannot be read surfaces as FollowUpCorruptError, as it is.
 */
export class RedisTicketStore implements TicketStore {
  private readonly redis: ScriptRedis;
  private readonly keys: TicketKeys;
  private readonly opts: Required<Omit<RedisTicketStoreOptions, 'redis' | 'prefix'>>;

  constructor(options: RedisTicketStoreOptions) {
    this.keys = ticketKeys(options.prefix);
    this.opts = {
      staffChatId: options.staffChatId,
      draftTtlMs: options.draftTtlMs ?? 60 * 60_000,
      updateTtlSeconds: options.updateTtlSeconds ?? 24 * 3600,
      staffMessageTtlSeconds: options.staffMessageTtlSeconds ?? 180 * 24 * 3600,
      expectQuestionTtlMs: options.expectQuestionTtlMs ?? 10 * 60_000,
      ratingsKeptMs: options.ratingsKeptMs ?? 30 * 24 * 3600_000,
    };
    const redis = options.redis as ScriptRedis;
    redis.defineCommand('fuCreateTicket', { numberOfKeys: 8, lua: CREATE_TICKET });
    redis.defineCommand('fuCommitTicket', { numberOfKeys: 10, lua: COMMIT_TICKET });
    redis.defineCommand('fuMarkAnnounced', { numberOfKeys: 4, lua: MARK_ANNOUNCED });
    this.redis = redis;
  }

  private async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof FollowUpCorruptError) throw error;
      throw new FollowUpUnavailableError(operation, error);
    }
  }

  saveDraft(draft: TicketDraft): Promise<string> {
    const id = randomBytes(6).toString('base64url');
    return this.guard('saveDraft', async () => {
      await this.redis.set(this.keys.draft(id), JSON.stringify(draft), 'PX', this.opts.draftTtlMs);
      return id;
    });
  }

  getDraft(id: string): Promise<TicketDraft | null> {
    return this.guard('getDraft', async () => {
      const raw = await this.redis.get(this.keys.draft(id));
      if (!raw) return null;
      // Drafts kept before channels existed are Telegram's.
      const draft = parseStored<TicketDraft>(raw, `draft ${id}`);
      return { ...draft, channel: draft.channel ?? 'telegram' };
    });
  }

  create(draft: TicketDraft, originUpdateId: number, now: number, draftId?: string): Promise<CreateResult> {
    const fingerprint = createHash('sha1')
      .update(questionFingerprint(draft.question))
      .digest('hex')
      .slice(0, 16);
    const { number: _n, ...fields } = encodeTicket({
      ...draft,
      number: 0,
      state: 'waiting',
      createdAt: now,
      staffMessages: 0,
    });
    const k = this.keys;
    return this.guard('create', async () => {
      const [kind, value, flat = []] = await this.redis.fuCreateTicket(
        ...[k.counter, k.update(draft.channel, originUpdateId), k.duplicate(draft, fingerprint)],
        ...[k.userOpen(draft), k.userAll(draft), k.open, k.backlog],
        ...[
          k.draftTicket(draftId ?? `none-${originUpdateId}`),
          k.ticketPrefix,
          now,
          FOLLOW_UP_LIMITS.openPerUser,
        ],
        ...[
          FOLLOW_UP_LIMITS.duplicateWindowMs,
          this.opts.updateTtlSeconds,
          originUpdateId,
          ticketNumberFor(0),
        ],
        ...[this.opts.draftTtlMs, ...Object.entries(fields).flat()],
      );
      if (kind === 'limit') return { kind: 'limit', open: value };
      const hash: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i]!] = flat[i + 1]!;
      const ticket = decodeTicket(hash)?.ticket;
      if (!ticket) throw new FollowUpCorruptError(`ticket ${value}: missing right after ${kind}`);
      return { kind: kind === 'created' ? 'created' : 'duplicate', ticket };
    });
  }

  get(number: number): Promise<Ticket | null> {
    return this.guard(
      'get',
      async () => decodeTicket(await this.redis.hgetall(this.keys.ticket(number)))?.ticket ?? null,
    );
  }

  private async versioned(number: number): Promise<{ ticket: Ticket; version: number } | null> {
    return decodeTicket(await this.redis.hgetall(this.keys.ticket(number)));
  }

  private async many(numbers: string[]): Promise<Ticket[]> {
    if (numbers.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const n of numbers) pipeline.hgetall(this.keys.ticket(Number(n)));
    const replies = (await pipeline.exec()) ?? [];
    return replies.flatMap(([error, hash]) => {
      if (error) throw error;
      const decoded = decodeTicket(hash as Record<string, string>);
      return decoded ? [decoded.ticket] : [];
    });
  }

  listForUser(user: UserRef, limit: number): Promise<Ticket[]> {
    return this.guard('listForUser', async () =>
      this.many(await this.redis.zrevrange(this.keys.userAll(user), 0, limit - 1)),
    );
  }

  listOpen(limit: number): Promise<{ tickets: Ticket[]; total: number }> {
    return this.guard('listOpen', async () => {
      const [numbers, total] = await Promise.all([
        this.redis.zrange(this.keys.open, 0, String(limit - 1)),
        this.redis.zcard(this.keys.open),
      ]);
      return { tickets: await this.many(numbers), total };
    });
  }

  countOpen(): Promise<number> {
    return this.guard('countOpen', () => this.redis.zcard(this.keys.open));
  }

  commit(before: Ticket, after: Ticket, options: CommitOptions): Promise<CommitResult> {
    const k = this.keys;
    const fields = encodeTicket(after);
    const gone = OPTIONAL_FIELDS.filter((field) => !(field in fields));
    const relay = options.relay ?? { queue: 'user' as const, id: '' };
    const rated = options.rated && after.rating ? '1' : '';
    const now = Date.now();
    return this.guard('commit', async () => {
      const current = await this.versioned(before.number);
      if (!current) return 'missing';
      if (JSON.stringify(current.ticket) !== JSON.stringify(before)) return 'conflict';
      const channel = options.from === 'user' ? before.channel : STAFF_CHANNEL;
      const updateKey = k.update(channel, options.updateId ?? -1);
      return this.redis.fuCommitTicket(
        ...[k.ticket(before.number), updateKey, k.open, k.userOpen(before), k.outbox, k.outboxDue],
        ...[k.thread(before.number), k.talk(before), k.relayOrder(before.number, relay.queue)],
        k.ratings(after.rating ?? 'up'),
        ...[current.version, options.updateId === undefined ? '0' : '1', this.opts.updateTtlSeconds],
        ...[before.number, isOpen(after.state) ? '1' : '0', now, JSON.stringify(fields)],
        ...[JSON.stringify(gone), JSON.stringify(workEntries(options.work ?? []))],
        ...[options.thread ? JSON.stringify(options.thread) : '', THREAD_LIMITS.entries],
        ...[options.talk ?? '', relay.id, rated, now - this.opts.ratingsKeptMs],
      );
    });
  }

  thread(number: number): Promise<ThreadEntry[]> {
    return this.guard('thread', () => readThread(this.redis, this.keys, number));
  }

  latestTalk(user: UserRef, since: number): Promise<number | null> {
    return this.guard('latestTalk', () => readLatestTalk(this.redis, this.keys, user, since));
  }

  endTalk(user: UserRef, number: number): Promise<boolean> {
    return this.guard('endTalk', async () => (await this.redis.zrem(this.keys.talk(user), number)) === 1);
  }

  ratingCounts(since: number): Promise<RatingCounts> {
    return this.guard('ratingCounts', async () => {
      const [up, down] = await Promise.all(
        (['up', 'down'] as const).map((rating) =>
          this.redis.zcount(this.keys.ratings(rating), since, '+inf'),
        ),
      );
      return { up: up ?? 0, down: down ?? 0 };
    });
  }

  relaySent(sent: SentRelay): Promise<void> {
    const { staffChatId, staffMessageTtlSeconds: ttl } = this.opts;
    const [mapping, value] =
      sent.to.queue === 'user'
        ? [this.keys.userMessage(sent.to.chatId, sent.messageId), String(sent.ticket)]
        : [
            this.keys.staffMessage(staffChatId, sent.messageId),
            writeStaffTarget({ kind: 'ticket', number: sent.ticket }),
          ];
    return this.guard('relaySent', async () => {
      const step = this.redis.multi().set(mapping, value, 'EX', ttl);
      if (sent.lineId !== undefined)
        step.lrem(this.keys.relayOrder(sent.ticket, sent.to.queue), 1, sent.lineId);
      const results = await step.exec();
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (!results || failed) throw failed ?? new Error('relay record aborted');
    });
  }

  userMessageTicket(chatId: number, messageId: number): Promise<number | null> {
    return this.guard('userMessageTicket', async () => {
      const value = await this.redis.get(this.keys.userMessage(chatId, messageId));
      return value === null ? null : Number(value);
    });
  }

  relayTurn(number: number, queue: 'staff' | 'user', id: string): Promise<RelayTurn> {
    return this.guard('relayTurn', () => readRelayTurn(this.redis, this.keys.relayOrder(number, queue), id));
  }

  relayDone(number: number, queue: 'staff' | 'user', id: string): Promise<void> {
    return this.guard('relayDone', async () => {
      await this.redis.lrem(this.keys.relayOrder(number, queue), 1, id);
    });
  }

  backlog(limit: number): Promise<{ numbers: number[]; total: number }> {
    return this.guard('backlog', async () => {
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
    return this.guard('markAnnounced', async () => {
      await this.redis.fuMarkAnnounced(
        ...[
          k.backlog,
          k.outbox,
          k.outboxDue,
          k.staffMessage(this.opts.staffChatId, messageId),
          k.ticketPrefix,
        ],
        ...[now, messageId, single ? '1' : '0', writeStaffTarget(target), this.opts.staffMessageTtlSeconds],
        ...[JSON.stringify(numbers), JSON.stringify(workEntries(work))],
      );
    });
  }

  mapStaffMessage(messageId: number, target: StaffMessageTarget): Promise<void> {
    const key = this.keys.staffMessage(this.opts.staffChatId, messageId);
    return this.guard('mapStaffMessage', async () => {
      await this.redis.set(key, writeStaffTarget(target), 'EX', this.opts.staffMessageTtlSeconds);
    });
  }

  staffMessageTarget(messageId: number): Promise<StaffMessageTarget | null> {
    return this.guard('staffMessageTarget', async () =>
      readStaffTarget(await this.redis.get(this.keys.staffMessage(this.opts.staffChatId, messageId))),
    );
  }

  markUndeliverable(number: number): Promise<boolean> {
    const key = this.keys.ticket(number);
    return this.guard('markUndeliverable', async () => {
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

  setTopic(topic: TicketTopic & { threadId: number }): Promise<void> {
    return this.guard('setTopic', () =>
      writeTopic(this.redis, this.keys, topic, this.opts.staffMessageTtlSeconds),
    );
  }

  topic(threadId: number): Promise<TicketTopic | null> {
    return this.guard('topic', () => readTopic(this.redis, this.keys, threadId));
  }

  markTopic(threadId: number, shown: Pick<TicketTopic, 'name' | 'closed'>): Promise<void> {
    return this.guard('markTopic', () => markTopic(this.redis, this.keys, threadId, shown));
  }

  forgetTopic(number: number, threadId: number, work: WorkItem[]): Promise<boolean> {
    return this.guard('forgetTopic', () =>
      forgetTopic(this.redis, this.keys, { number, threadId, work: workEntries(work), now: Date.now() }),
    );
  }

  firstNotice(name: string): Promise<boolean> {
    return this.guard(
      'firstNotice',
      async () => (await this.redis.set(this.keys.notice(name), '1', 'NX')) === 'OK',
    );
  }

  forgetNotice(name: string): Promise<void> {
    return this.guard('forgetNotice', async () => {
      await this.redis.del(this.keys.notice(name));
    });
  }

  expectQuestion(user: UserRef): Promise<void> {
    return this.guard('expectQuestion', async () => {
      await this.redis.set(this.keys.expectQuestion(user), '1', 'PX', this.opts.expectQuestionTtlMs);
    });
  }

  takeExpectedQuestion(user: UserRef): Promise<boolean> {
    return this.guard(
      'takeExpectedQuestion',
      async () => (await this.redis.del(this.keys.expectQuestion(user))) === 1,
    );
  }

  pendingWork(ageMs: number, now: number, limit: number): Promise<WorkItem[]> {
    return this.guard('pendingWork', () => readPendingWork(this.redis, this.keys, ageMs, now, limit));
  }

  staleBacklog(ageMs: number, now: number, limit: number): Promise<number[]> {
    return this.guard('staleBacklog', () => readStaleBacklog(this.redis, this.keys, ageMs, now, limit));
  }

  clearWork(ids: string[]): Promise<void> {
    return this.guard('clearWork', () => deleteWork(this.redis, this.keys, ids));
  }
}
