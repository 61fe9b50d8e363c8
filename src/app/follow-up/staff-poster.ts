import { STAFF_PACING } from '../../core/follow-up/staff-pacing.js';
import type { Logger } from '../../logger.js';
import type { BoundTranslate } from '../feature.js';
import type { Messenger } from '../types.js';
import { QUEUE_LIMIT, renderOpenDigest } from './render-staff-replies.js';
import type { DeliveryRecords } from './delivery-records.js';
import { announce, remind, type AnnouncementDeps } from './staff-announcements.js';
import type { StaffChatRecords } from './staff-chat-records.js';
import type { StaffForum } from './staff-forum.js';
import {
  postQuestionFile,
  postRatedDown,
  postTopicGone,
  postUndeliverable,
  postUserMessage,
} from './staff-ticket-posts.js';
import type { StaffTopics } from './staff-topics.js';
import type { TicketStore } from './ticket-store.js';
import type { StaffJob, WorkDispatcher } from './work-items.js';

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

/** The open tickets as /queue lists them, under a title of its own; nothing when none is open. */
async function postOpenDigest(
  deps: Pick<AnnouncementDeps, 'store' | 'messenger' | 'staffChatId' | 't' | 'now'>,
): Promise<StaffOutcome> {
  const open = await deps.store.listOpen(QUEUE_LIMIT);
  if (open.total === 0) return { kind: 'skipped' };
  const html = renderOpenDigest(deps.t, open, deps.now());
  const messageId = await deps.messenger.send(deps.staffChatId, { html });
  return { kind: 'posted', messageId, announced: [] };
}

/**
 * Everything that posts into the staff chat: announcements (one ticket, or a digest under a burst; in a forum,
 * each ticket not digested in a topic of its own) and reminders for unclaimed tickets (staff-announcements.ts),
 * the daily list of open tickets, and the posts in a ticket's thread (staff-ticket-posts.ts). Digests and the
 * open-tickets list go to the General topic. Each job sends one message, or returns `continues` between
 * messages, so that each takes a slot of the staff queue's limiter (a long question's second part is the
 * exception). Delivery errors propagate to the queue, which retries; a send that succeeded is recorded before
 * the job completes.
 */
export function createStaffPoster(deps: StaffPosterDeps) {
  const withDefaults = {
    ...deps,
    now: deps.now ?? Date.now,
    maxReminders: deps.maxReminders ?? DEFAULT_MAX_REMINDERS,
    digestMax: deps.digestMax ?? STAFF_PACING.digestMax,
  };

  return {
    handle(job: StaffJob, jobId = ''): Promise<StaffOutcome> {
      switch (job.name) {
        case 'announce':
          return announce(withDefaults, job.ticket);
        case 'remind':
          return remind(withDefaults, job.ticket, job.round);
        case 'undeliverable':
          return postUndeliverable(withDefaults, job);
        case 'open-digest':
          return postOpenDigest(withDefaults);
        case 'user-message':
          return postUserMessage(withDefaults, job, jobId);
        case 'rated-down':
          return postRatedDown(withDefaults, job.ticket);
        case 'topic':
          return deps.topics.sync(job.ticket).then((changed) => ({ kind: changed ? 'updated' : 'skipped' }));
        case 'question-file':
          return postQuestionFile(withDefaults, job);
        case 'topic-gone':
          return postTopicGone(withDefaults, job.ticket);
      }
    },
  };
}

export type StaffPoster = ReturnType<typeof createStaffPoster>;
