import { planAnnouncement, STAFF_PACING } from '../../core/follow-up/staff-pacing.js';
import { needsReminder } from '../../core/follow-up/ticket-transitions.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { Logger } from '../../logger.js';
import type { BoundTranslate } from '../feature.js';
import type { Messenger, OutMessage } from '../types.js';
import { renderDigest, renderReminderPosts, renderTicketPosts } from './render-staff.js';
import { QUEUE_LIMIT, renderQueue } from './render-staff-replies.js';
import type { DeliveryRecords } from './delivery-records.js';
import type { StaffChatRecords } from './staff-chat-records.js';
import type { StaffForum } from './staff-forum.js';
import { createTicketPosts } from './staff-ticket-posts.js';
import type { StaffTopics } from './staff-topics.js';
import type { TicketStore } from './ticket-store.js';
import { workIds, type StaffJob, type WorkDispatcher, type WorkItem } from './work-items.js';

/** Reminders of a ticket nobody claims: three, then the daily digest of open tickets carries it. */
export const DEFAULT_MAX_REMINDERS = 3;

/**
 * posted: messages went out (`announced`: the tickets a post announced, several for a digest); skipped: nothing
 * left to do (already announced, claimed meanwhile...).
 */
export type StaffOutcome =
  | { kind: 'posted'; messageId: number; announced: number[] }
  /** A step is done and the job's next one needs a staff-chat message of its own (a topic, then its card). */
  | { kind: 'continues' }
  /** A ticket's forum topic changed (title, closed or open). */
  | { kind: 'updated' }
  | { kind: 'skipped' };

export interface StaffPosterDeps {
  store: Pick<TicketStore, 'get' | 'listOpen'>;
  /** The backlog to announce, and the staff-chat messages that stand for tickets. */
  staffChat: Pick<StaffChatRecords, 'backlog' | 'markAnnounced' | 'mapStaffMessage'>;
  /** The line of a ticket's relays to staff (the user's messages), and where each landed. */
  delivery: Pick<DeliveryRecords, 'relayTurn' | 'relayDone' | 'relaySent'>;
  messenger: Messenger;
  /**
   * How many more staff-chat messages the staff queue's limiter lets go in its current window after this
   * one: the poster makes digests under a burst so that the backlog catches up within that budget.
   */
  messagesLeft: () => Promise<number>;
  log: Logger;
  /** Queues the reminders right away (they are in the outbox too, for the sweeper, should this fail). */
  dispatcher: WorkDispatcher;
  staffChatId: number;
  /** Whether the staff chat gives each ticket a forum topic, and those topics. */
  forum: StaffForum;
  topics: StaffTopics;
  /** Translate into the staff chat's language. */
  t: BoundTranslate;
  /** FOLLOWUP_REMIND_MINUTES in milliseconds. */
  remindAfterMs: number;
  /**
   * Reminders per ticket before the chain stops (so that a forgotten ticket does not nag all night); after
   * the last it waits in the daily digest of open tickets.
   */
  maxReminders?: number;
  digestMax?: number;
  now?: () => number;
}

/**
 * Everything that posts into the staff chat: announcements (one ticket, or a digest under a burst; in a forum,
 * each ticket not digested in a topic of its own), reminders for unclaimed tickets, the daily list of open
 * tickets, and (through staff-ticket-posts.ts) the posts in a ticket's thread. Digests and the open-tickets
 * list go to the General topic. Each job sends one message, or returns `continues` between messages, so that
 * each takes a slot of the staff queue's limiter (a long question's second part is the exception). Delivery
 * errors propagate to the queue, which retries; a send that succeeded is recorded before the job completes.
 */
export function createStaffPoster(deps: StaffPosterDeps) {
  const now = deps.now ?? Date.now;
  const maxReminders = deps.maxReminders ?? DEFAULT_MAX_REMINDERS;
  const digestMax = deps.digestMax ?? STAFF_PACING.digestMax;

  const ticketPosts = createTicketPosts(deps);

  const reminder = (number: number, round: number, at: number): WorkItem => ({
    id: workIds.remind(number, round),
    queue: 'staff',
    runAt: at + deps.remindAfterMs,
    job: { name: 'remind', ticket: number, round },
  });

  /**
   * Records the post (mapping, backlog, and its work in the outbox: reminders, copies of the questions'
   * files) in one step before the job completes, so that a retried job never posts twice; then queues that
   * work without holding up the staff queue (should that fail, the sweeper dispatches it from the outbox).
   */
  async function recordPost(
    numbers: number[],
    messageId: number,
    at: number,
    work: WorkItem[],
  ): Promise<void> {
    await deps.staffChat.markAnnounced(numbers, messageId, at, work);
    void deps.dispatcher
      .dispatch(work)
      .catch((err: unknown) => deps.log.warn({ err }, 'follow-up work not queued yet; the sweeper will'));
  }

  /**
   * Sends a post and what continues it (the rest of a long question), each a reply to the first; resolves
   * with the first's message id, which answers and Claim taps refer to.
   */
  async function post([first, ...more]: OutMessage[]): Promise<number> {
    const messageId = await deps.messenger.send(deps.staffChatId, first!);
    for (const message of more)
      await deps.messenger.send(deps.staffChatId, {
        ...message,
        replyTo: messageId,
        threadId: first!.threadId,
      });
    return messageId;
  }

  /** Companions for a digest: the oldest other tickets still waiting to be announced. */
  async function companions(ticket: Ticket, size: number): Promise<Ticket[]> {
    const { numbers } = await deps.staffChat.backlog(size);
    const others = await Promise.all(
      numbers.filter((n) => n !== ticket.number).map((n) => deps.store.get(n)),
    );
    // A ticket with a topic is between its topic and its card: that job posts it.
    const fresh = others.filter(
      (t): t is Ticket => t !== null && t.announcedAt === undefined && t.topicId === undefined,
    );
    // This job's ticket first, so that it is in the digest however many the message can hold.
    return [ticket, ...fresh.sort((a, b) => a.number - b.number)].slice(0, size);
  }

  /** The files sent with the announced tickets' questions, each copied under the post in a job of its own. */
  const questionFiles = (tickets: Ticket[], under: number): WorkItem[] =>
    tickets
      .filter((t) => t.attachment !== undefined)
      .map((t) => ({
        id: workIds.questionFile(t.number),
        queue: 'staff',
        job: { name: 'question-file', ticket: t.number, under },
      }));

  /** One ticket as its card (and the rest of a long question), or several as a digest. */
  function announcement(candidates: Ticket[], at: number): { messages: OutMessage[]; included: Ticket[] } {
    if (candidates.length === 1)
      return { messages: renderTicketPosts(deps.t, candidates[0]!, at), included: candidates };
    const digest = renderDigest(deps.t, candidates);
    return { messages: [digest.message], included: digest.included };
  }

  /** The card of a ticket whose topic is open, in that topic (in General should staff have deleted it). */
  async function announceInTopic(ticket: Ticket): Promise<StaffOutcome> {
    const at = now();
    const posts = renderTicketPosts(deps.t, ticket, at);
    const messageId = await deps.topics.post(ticket, ({ threadId }) =>
      post(posts.map((m) => ({ ...m, threadId }))),
    );
    const work = [reminder(ticket.number, 1, at), ...questionFiles([ticket], messageId)];
    await recordPost([ticket.number], messageId, at, work);
    return { kind: 'posted', messageId, announced: [ticket.number] };
  }

  /**
   * A ticket's first post. In a forum its topic first, then (the job's next step, in a limiter slot of its own)
   * its card in it; under a burst, in a forum too, a digest in the General topic instead, its tickets without
   * topics. Files sent with the questions follow in jobs of their own.
   */
  async function announce(number: number): Promise<StaffOutcome> {
    const [ticket, { total }] = await Promise.all([deps.store.get(number), deps.staffChat.backlog(1)]);
    if (!ticket || ticket.announcedAt !== undefined) return { kind: 'skipped' };
    if (ticket.topicId !== undefined) return announceInTopic(ticket);
    const topics = (await deps.forum.mode()) === 'topics';
    const left = await deps.messagesLeft();
    const plan = planAnnouncement(Math.max(total, 1), left, digestMax, topics ? 2 : 1);
    if (plan.kind === 'single' && topics) {
      await deps.topics.open(ticket);
      return { kind: 'continues' };
    }
    const candidates = plan.kind === 'digest' ? await companions(ticket, plan.size) : [ticket];
    const at = now();
    const { messages, included } = announcement(candidates, at);
    const messageId = await post(messages);
    const numbers = included.map((t) => t.number);
    const work = [...numbers.map((n) => reminder(n, 1, at)), ...questionFiles(included, messageId)];
    await recordPost(numbers, messageId, at, work);
    return { kind: 'posted', messageId, announced: numbers };
  }

  async function remind(number: number, round: number): Promise<StaffOutcome> {
    const ticket = await deps.store.get(number);
    if (!ticket || !needsReminder(ticket)) return { kind: 'skipped' };
    const at = now();
    const last = round >= maxReminders;
    const posts = renderReminderPosts(deps.t, ticket, at, last);
    const messageId = await deps.topics.post(ticket, ({ threadId }) =>
      post(posts.map((m) => ({ ...m, threadId }))),
    );
    // The reminder becomes the ticket's message: replies to it answer the ticket, Claim edits it.
    const next = last ? [] : [reminder(number, round + 1, at)];
    await recordPost([number], messageId, at, next);
    return { kind: 'posted', messageId, announced: [] };
  }

  /** The open tickets as /queue lists them, under a title of its own; nothing when none is open. */
  async function openDigest(): Promise<StaffOutcome> {
    const open = await deps.store.listOpen(QUEUE_LIMIT);
    if (open.total === 0) return { kind: 'skipped' };
    const html = `${deps.t('staff:open_digest_title')}\n\n${renderQueue(deps.t, open, now())}`;
    const messageId = await deps.messenger.send(deps.staffChatId, { html });
    return { kind: 'posted', messageId, announced: [] };
  }

  return {
    handle(job: StaffJob, jobId = ''): Promise<StaffOutcome> {
      switch (job.name) {
        case 'announce':
          return announce(job.ticket);
        case 'remind':
          return remind(job.ticket, job.round);
        case 'undeliverable':
          return ticketPosts.undeliverable(job);
        case 'open-digest':
          return openDigest();
        case 'user-message':
          return ticketPosts.userMessage(job, jobId);
        case 'rated-down':
          return ticketPosts.ratedDown(job.ticket);
        case 'topic':
          return deps.topics.sync(job.ticket).then((changed) => ({ kind: changed ? 'updated' : 'skipped' }));
        case 'question-file':
          return ticketPosts.questionFile(job);
        case 'topic-gone':
          return ticketPosts.topicGone(job.ticket);
      }
    },
  };
}

export type StaffPoster = ReturnType<typeof createStaffPoster>;
