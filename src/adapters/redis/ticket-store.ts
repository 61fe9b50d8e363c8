import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { STAFF_CHANNEL, type UserRef } from '../../core/channel.js';
import { FOLLOW_UP_LIMITS, questionFingerprint } from '../../core/follow-up/limits.js';
import { ticketNumberFor } from '../../core/follow-up/ticket-number.js';
import { THREAD_LIMITS, type ThreadEntry } from '../../core/follow-up/thread.js';
import { isOpen, type Ticket, type TicketDraft } from '../../core/follow-up/ticket.js';
import {
  FollowUpCorruptError,
  type CommitOptions,
  type CommitResult,
  type CreateResult,
  type RatingCounts,
  type TicketStore,
} from '../../app/follow-up/ticket-store.js';
import { decodeTicket, encodeTicket, OPTIONAL_FIELDS, parseStored } from './ticket-codec.js';
import { readLatestTalk, readThread } from './ticket-conversation.js';
import { guarded } from './ticket-guard.js';
import { ticketKeys, type TicketKeys } from './ticket-keys.js';
import { COMMIT_TICKET, CREATE_TICKET } from './ticket-scripts.js';
import { workEntries } from './ticket-serialise.js';

export interface RedisTicketStoreOptions {
  redis: Redis;
  prefix?: string;
  draftTtlMs?: number;
  /** How long a handled update id is remembered (redeliveries come within minutes, so a day is ample). */
  updateTtlSeconds?: number;
  /** How long a rating stays in the index that /queue counts. */
  ratingsKeptMs?: number;
  expectQuestionTtlMs?: number;
}

type ScriptRedis = Redis & {
  fuCreateTicket(...args: (string | number)[]): Promise<[string, number, string[]?]>;
  fuCommitTicket(...args: (string | number)[]): Promise<CommitResult>;
};

/**
 * TicketStore over Redis hashes and sorted sets (see ticket-keys.ts). A Redis failure surfaces as
 * FollowUpUnavailableError and unreadable data as FollowUpCorruptError (ticket-guard.ts). What the staff chat
 * shows of the tickets (ticket-staff-chat.ts) and what delivering their work keeps (ticket-delivery.ts) live
 * beside them, under the same prefix.
 */
export class RedisTicketStore implements TicketStore {
  private readonly redis: ScriptRedis;
  private readonly keys: TicketKeys;
  private readonly opts: Required<Omit<RedisTicketStoreOptions, 'redis' | 'prefix'>>;

  constructor(options: RedisTicketStoreOptions) {
    this.keys = ticketKeys(options.prefix);
    this.opts = {
      draftTtlMs: options.draftTtlMs ?? 60 * 60_000,
      updateTtlSeconds: options.updateTtlSeconds ?? 24 * 3600,
      expectQuestionTtlMs: options.expectQuestionTtlMs ?? 10 * 60_000,
      ratingsKeptMs: options.ratingsKeptMs ?? 30 * 24 * 3600_000,
    };
    const redis = options.redis as ScriptRedis;
    redis.defineCommand('fuCreateTicket', { numberOfKeys: 8, lua: CREATE_TICKET });
    redis.defineCommand('fuCommitTicket', { numberOfKeys: 10, lua: COMMIT_TICKET });
    this.redis = redis;
  }

  saveDraft(draft: TicketDraft): Promise<string> {
    const id = randomBytes(6).toString('base64url');
    return guarded('saveDraft', async () => {
      await this.redis.set(this.keys.draft(id), JSON.stringify(draft), 'PX', this.opts.draftTtlMs);
      return id;
    });
  }

  getDraft(id: string): Promise<TicketDraft | null> {
    return guarded('getDraft', async () => {
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
    return guarded('create', async () => {
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
    return guarded(
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
    return guarded('listForUser', async () =>
      this.many(await this.redis.zrevrange(this.keys.userAll(user), 0, limit - 1)),
    );
  }

  listOpen(limit: number): Promise<{ tickets: Ticket[]; total: number }> {
    return guarded('listOpen', async () => {
      const [numbers, total] = await Promise.all([
        this.redis.zrange(this.keys.open, 0, String(limit - 1)),
        this.redis.zcard(this.keys.open),
      ]);
      return { tickets: await this.many(numbers), total };
    });
  }

  countOpen(): Promise<number> {
    return guarded('countOpen', () => this.redis.zcard(this.keys.open));
  }

  commit(before: Ticket, after: Ticket, options: CommitOptions): Promise<CommitResult> {
    const k = this.keys;
    const fields = encodeTicket(after);
    const gone = OPTIONAL_FIELDS.filter((field) => !(field in fields));
    const relay = options.relay ?? { queue: 'user' as const, id: '' };
    const rated = options.rated && after.rating ? '1' : '';
    const now = Date.now();
    return guarded('commit', async () => {
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
    return guarded('thread', () => readThread(this.redis, this.keys, number));
  }

  latestTalk(user: UserRef, since: number): Promise<number | null> {
    return guarded('latestTalk', () => readLatestTalk(this.redis, this.keys, user, since));
  }

  endTalk(user: UserRef, number: number): Promise<boolean> {
    return guarded('endTalk', async () => (await this.redis.zrem(this.keys.talk(user), number)) === 1);
  }

  ratingCounts(since: number): Promise<RatingCounts> {
    return guarded('ratingCounts', async () => {
      const [up, down] = await Promise.all(
        (['up', 'down'] as const).map((rating) =>
          this.redis.zcount(this.keys.ratings(rating), since, '+inf'),
        ),
      );
      return { up: up ?? 0, down: down ?? 0 };
    });
  }

  expectQuestion(user: UserRef): Promise<void> {
    return guarded('expectQuestion', async () => {
      await this.redis.set(this.keys.expectQuestion(user), '1', 'PX', this.opts.expectQuestionTtlMs);
    });
  }

  takeExpectedQuestion(user: UserRef): Promise<boolean> {
    return guarded(
      'takeExpectedQuestion',
      async () => (await this.redis.del(this.keys.expectQuestion(user))) === 1,
    );
  }
}
