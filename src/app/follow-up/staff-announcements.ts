import { planAnnouncement } from '../../core/follow-up/staff-pacing.js';
import { needsReminder } from '../../core/follow-up/ticket-transitions.js';
import type { Ticket } from '../../core/follow-up/ticket.js';
import type { OutMessage } from '../types.js';
import { renderAnnouncement, renderReminderPosts, renderTicketPosts } from './render-staff.js';
import type { StaffOutcome, StaffPosterDeps } from './staff-poster.js';
import { workIds, type WorkItem } from './work-items.js';

/*
 * A ticket's card in the staff chat: its announcement (one ticket, or a digest under a burst) and the reminders
 * while nobody claims it. Each post is recorded with the work that follows it before its job completes.
 */

/** What announcing and reminding take: the poster's deps, their defaults filled in (see createStaffPoster). */
export type AnnouncementDeps = Required<Omit<StaffPosterDeps, 'delivery'>>;

/** The reminder of round `round` for a ticket posted at `at`, due FOLLOWUP_REMIND_MINUTES later. */
const reminderItem = (number: number, round: number, at: number, remindAfterMs: number): WorkItem => ({
  id: workIds.remind(number, round),
  queue: 'staff',
  runAt: at + remindAfterMs,
  job: { name: 'remind', ticket: number, round },
});

/** The files sent with the announced tickets' questions, each copied under the post in a job of its own. */
const questionFiles = (tickets: Ticket[], under: number): WorkItem[] =>
  tickets
    .filter((t) => t.attachment !== undefined)
    .map((t) => ({
      id: workIds.questionFile(t.number),
      queue: 'staff',
      job: { name: 'question-file', ticket: t.number, under },
    }));

/**
 * Records the post (mapping, backlog, and its work in the outbox: reminders, copies of the questions'
 * files) in one step before the job completes, so that a retried job never posts twice; then queues that
 * work without holding up the staff queue (should that fail, the sweeper dispatches it from the outbox).
 */
async function recordPost(
  deps: Pick<AnnouncementDeps, 'staffChat' | 'dispatcher' | 'log'>,
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
async function sendPosts(
  deps: Pick<AnnouncementDeps, 'messenger' | 'staffChatId'>,
  [first, ...more]: OutMessage[],
): Promise<number> {
  const messageId = await deps.messenger.send(deps.staffChatId, first!);
  for (const message of more)
    await deps.messenger.send(deps.staffChatId, {
      ...message,
      replyTo: messageId,
      threadId: first!.threadId,
    });
  return messageId;
}

/**
 * Sends posts into the ticket's topic (into the General topic when it has none, or staff deleted it; see
 * StaffTopics.post).
 */
function sendInTicket(deps: AnnouncementDeps, ticket: Ticket, posts: OutMessage[]): Promise<number> {
  return deps.topics.post(ticket, ({ threadId }) => {
    const placed = posts.map((m) => ({ ...m, threadId }));
    return sendPosts(deps, placed);
  });
}

/** Companions for a digest: the oldest other tickets still waiting to be announced. */
async function companions(
  deps: Pick<AnnouncementDeps, 'staffChat' | 'store'>,
  ticket: Ticket,
  size: number,
): Promise<Ticket[]> {
  const { numbers } = await deps.staffChat.backlog(size);
  const others = await Promise.all(numbers.filter((n) => n !== ticket.number).map((n) => deps.store.get(n)));
  // A ticket with a topic is between its topic and its card: that job posts it.
  const fresh = others.filter(
    (t): t is Ticket => t !== null && t.announcedAt === undefined && t.topicId === undefined,
  );
  // This job's ticket first, so that it is in the digest however many the message can hold.
  return [ticket, ...fresh.sort((a, b) => a.number - b.number)].slice(0, size);
}

/** The card of a ticket whose topic is open, in that topic (in General should staff have deleted it). */
async function announceInTopic(deps: AnnouncementDeps, ticket: Ticket): Promise<StaffOutcome> {
  const at = deps.now();
  const messageId = await sendInTicket(deps, ticket, renderTicketPosts(deps.t, ticket, at));
  const work = [
    reminderItem(ticket.number, 1, at, deps.remindAfterMs),
    ...questionFiles([ticket], messageId),
  ];
  await recordPost(deps, [ticket.number], messageId, at, work);
  return { kind: 'posted', messageId, announced: [ticket.number] };
}

/**
 * A ticket's first post. In a forum its topic first, then (the job's next step, in a limiter slot of its own)
 * its card in it; under a burst, in a forum too, a digest in the General topic instead, its tickets without
 * topics. Files sent with the questions follow in jobs of their own.
 */
export async function announce(deps: AnnouncementDeps, number: number): Promise<StaffOutcome> {
  const [ticket, { total }] = await Promise.all([deps.store.get(number), deps.staffChat.backlog(1)]);
  if (!ticket || ticket.announcedAt !== undefined) return { kind: 'skipped' };
  if (ticket.topicId !== undefined) return announceInTopic(deps, ticket);
  const topics = (await deps.forum.mode()) === 'topics';
  const left = await deps.messagesLeft();
  const plan = planAnnouncement(Math.max(total, 1), left, deps.digestMax, topics ? 2 : 1);
  if (plan.kind === 'single' && topics) {
    await deps.topics.open(ticket);
    return { kind: 'continues' };
  }
  const candidates = plan.kind === 'digest' ? await companions(deps, ticket, plan.size) : [ticket];
  const at = deps.now();
  const { messages, included } = renderAnnouncement(deps.t, candidates, at);
  const messageId = await sendPosts(deps, messages);
  const numbers = included.map((t) => t.number);
  const work = [
    ...numbers.map((n) => reminderItem(n, 1, at, deps.remindAfterMs)),
    ...questionFiles(included, messageId),
  ];
  await recordPost(deps, numbers, messageId, at, work);
  return { kind: 'posted', messageId, announced: numbers };
}

/**
 * A ticket nobody claimed, posted again in its thread; the next reminder follows until the last
 * (`maxReminders`), after which it waits in the daily digest of open tickets.
 */
export async function remind(deps: AnnouncementDeps, number: number, round: number): Promise<StaffOutcome> {
  const ticket = await deps.store.get(number);
  if (!ticket || !needsReminder(ticket)) return { kind: 'skipped' };
  const at = deps.now();
  const last = round >= deps.maxReminders;
  const messageId = await sendInTicket(deps, ticket, renderReminderPosts(deps.t, ticket, at, last));
  // The reminder becomes the ticket's message: replies to it answer the ticket, Claim edits it.
  const next = last ? [] : [reminderItem(number, round + 1, at, deps.remindAfterMs)];
  await recordPost(deps, [number], messageId, at, next);
  return { kind: 'posted', messageId, announced: [] };
}
