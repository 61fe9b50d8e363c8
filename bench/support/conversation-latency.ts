/**
 * The queue benchmark's conversation section: in tickets taken over by staff, the time from a user's message
 * reaching the follow-up code until its copy reaches the ticket's topic in the staff chat, and from a staff
 * message in the topic reaching the staff actions until the relay reaches the user's chat. The real pipeline
 * (composeFollowUps, BullMQ workers, the private Redis of the queue benchmark) against a loopback Bot API
 * whose staff chat is a forum where the bot manages topics. The staff queue's limiter is lifted, as in the
 * other latency runs, and the messenger carries no pacer: the figures are the pipeline's, not Telegram's
 * 20-a-minute rule for groups (which a live staff chat this busy would run into).
 */
import { loadavg, cpus } from 'node:os';
import { Api } from 'grammy';
import { pino } from 'pino';
import { createGrammyMessenger } from '../../src/adapters/grammy/messenger.js';
import { createBullmqDispatcher } from '../../src/adapters/queue/bullmq-dispatcher.js';
import { createConversations } from '../../src/app/follow-up/conversations.js';
import type { StaffActionResult } from '../../src/app/follow-up/commit-transition.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { Logger } from '../../src/logger.js';
import { composeFollowUps, type FollowUps } from '../../src/wiring/follow-ups.js';
import {
  createTracker,
  figures,
  type BenchTicket,
  type DirectionFigures,
  type Sent,
  type Tracker,
} from './conversation-tracker.js';
import { startForumBotApi } from './forum-bot-api.js';
import { BENCH_TOKEN } from './loopback-bot-api.js';
import { formatTable, round } from './measure.js';
import { createRandom } from './random.js';

const STAFF_CHAT = -1001000000002;
/** Tickets in conversation at once; each gets every TICKETS-th message, a user's and a staff one in turn. */
const TICKETS = 20;
const MESSAGES_EACH_WAY = 400;
/** Gap between two messages over all tickets, drawn evenly from this range (~29 a second on average). */
const GAP_MS = { min: 20, max: 50 };
const STAFF = { id: 501, name: 'Dana' };
const WAIT_MS = 30_000;

export interface ConversationFigures {
  tickets: number;
  gapMs: typeof GAP_MS;
  seconds: number;
  /** 1-minute load average before and after, and the machine's cores: a busy machine shows in p99. */
  load: { before: number; after: number; cores: number };
  rows: DirectionFigures[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`conversation bench: ${what} not done in ${WAIT_MS} ms`);
    await sleep(10);
  }
}

/** Tickets confirmed by one user each, then announced by the worker, each in a topic of its own. */
async function openTickets(runtime: FollowUps): Promise<BenchTicket[]> {
  const tickets: BenchTicket[] = [];
  for (let i = 0; i < TICKETS; i++) {
    const userId = 9_000_000 + i;
    const user = { channel: 'telegram' as const, userId, chatId: userId, name: `User ${i}` };
    const draft = await runtime.requests.draft({
      channel: 'telegram',
      userId,
      chatId: userId,
      userName: user.name,
      lang: 'en',
      question: `Benchmark question ${i}: how does my company join the laser equipment community?`,
      considered: [{ id: 'laser-equipment', title: 'Laser Equipment Community' }],
      origin: 'offer',
    });
    if (draft.kind !== 'draft') throw new Error('draft refused');
    const made = await runtime.requests.confirm(draft.id, user, userId);
    if (made.kind !== 'created') throw new Error(`confirm refused: ${made.kind}`);
    tickets.push({ number: made.ticket.number, user, topicId: 0 });
  }
  for (const ticket of tickets) {
    await until(async () => {
      const stored = await runtime.store.get(ticket.number);
      ticket.topicId = stored?.topicId ?? 0;
      return stored?.staffMessageId !== undefined && ticket.topicId !== 0;
    }, `ticket #${ticket.number} announced in a topic`);
  }
  return tickets;
}

type Say = (ticket: BenchTicket) => Promise<StaffActionResult>;

/** The two entry points the desk's features call, each message marked in the tracker as it is handed over. */
function createParticipants(runtime: FollowUps, tracker: Tracker, log: Logger): { user: Say; staff: Say } {
  // composeFollowUps keeps its conversations for the desk's feature; this one is built the same way.
  const dispatcher = createBullmqDispatcher({ queues: runtime.queues, delivery: runtime.delivery });
  const conversations = createConversations({
    store: runtime.store,
    delivery: runtime.delivery,
    dispatcher,
    log,
  });
  let updateId = 50_000_000;
  return {
    /** A private text, as the desk's conversation feature takes it: routed to its ticket, then written. */
    async user(ticket) {
      const marker = tracker.mark('user → staff', ticket);
      const routed = await conversations.route(ticket.user);
      if (!routed) return { kind: 'missing' };
      const text = `Thanks! Are the training days part of the membership too? (${marker})`;
      return conversations.write(ticket.user, routed.number, { text }, ++updateId);
    },
    /** A message in the ticket's topic, as the staff feature takes it: the topic's ticket, written to. */
    async staff(ticket) {
      const marker = tracker.mark('staff → user', ticket);
      const number = await runtime.staffActions.ticketOfTopic(ticket.topicId);
      if (number === null) return { kind: 'missing' };
      const text = `Yes, two training days a year are included; I'll send you the dates. (${marker})`;
      return runtime.staffActions.write(number, STAFF, text, ++updateId);
    },
  };
}

/**
 * `count` messages on a random open-loop schedule, round-robin over the tickets, a round of users' messages
 * then a round of staff ones; resolves with their records once all arrived (or WAIT_MS passed).
 */
async function converse(
  say: { user: Say; staff: Say },
  tracker: Tracker,
  tickets: BenchTicket[],
  count: number,
): Promise<Sent[]> {
  const random = createRandom(13);
  const started = performance.now();
  const pending: Promise<StaffActionResult>[] = [];
  let due = started;
  for (let i = 0; i < count; i++) {
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const ticket = tickets[i % tickets.length]!;
    pending.push(Math.floor(i / tickets.length) % 2 === 0 ? say.user(ticket) : say.staff(ticket));
    due += GAP_MS.min + random() * (GAP_MS.max - GAP_MS.min);
  }
  const refused = (await Promise.all(pending)).filter((r) => r.kind !== 'done').length;
  if (refused > 0) console.error(`conversation bench: ${refused} messages refused`);
  const records = [...tracker.sent.values()].filter((r) => r.t0 >= started);
  await until(() => tracker.allArrived(records), 'every message delivered').catch((err: Error) =>
    console.error(err.message),
  );
  return records;
}

/** Runs the section against the Redis at `redisUrl` (namespaced) and a loopback Bot API of its own. */
export async function measureConversations(redisUrl: string): Promise<ConversationFigures> {
  const load = { before: loadavg()[0]!, after: 0, cores: cpus().length };
  const tracker = createTracker(STAFF_CHAT);
  const api = await startForumBotApi(tracker.arrived);
  const log = pino({ level: 'warn' });
  const runtime = composeFollowUps({
    redisUrl,
    staffChatId: STAFF_CHAT,
    staffLanguage: 'en',
    remindAfterMinutes: 30,
    translate: createTranslator(),
    log,
    namespace: 'bench-conversation:',
    tuning: { staffLimiter: { max: 1e9, duration: 1_000 } },
  });
  const say = createParticipants(runtime, tracker, log);
  try {
    await runtime.whenReady();
    await runtime.startWorkers(createGrammyMessenger(new Api(BENCH_TOKEN, { apiRoot: api.apiRoot })));
    const tickets = await openTickets(runtime);
    // Staff start each conversation; one more round each way warms the path up. Neither is counted.
    await Promise.all(tickets.map(say.staff));
    await until(() => tracker.allArrived([...tracker.sent.values()]), 'the opening staff messages');
    await converse(say, tracker, tickets, tickets.length * 2);
    const started = performance.now();
    const records = await converse(say, tracker, tickets, MESSAGES_EACH_WAY * 2);
    const seconds = round((performance.now() - started) / 1000, 1);
    load.after = loadavg()[0]!;
    const rows = (['user → staff', 'staff → user'] as const).map((direction) =>
      figures(
        direction,
        records.filter((r) => r.direction === direction),
      ),
    );
    return { tickets: TICKETS, gapMs: GAP_MS, seconds, load, rows };
  } finally {
    await runtime.close();
    await api.close();
  }
}

/** The section's table and the conditions it was measured under. */
export function describeConversations(c: ConversationFigures): string {
  const table = formatTable(
    ['conversation', 'messages', 'delivered', 'p50', 'p95', 'p99', 'max'],
    c.rows.map((r) => [
      r.direction,
      r.messages,
      r.delivered,
      `${r.p50Ms} ms`,
      `${r.p95Ms} ms`,
      `${r.p99Ms} ms`,
      `${r.maxMs} ms`,
    ]),
  );
  const perSecond = round(c.rows.reduce((n, r) => n + r.messages, 0) / c.seconds, 1);
  return [
    table,
    `\n${c.tickets} tickets in conversation (forum staff chat, a topic each), a message every ` +
      `${c.gapMs.min}-${c.gapMs.max} ms (${perSecond}/s over ${c.seconds} s), users and staff in turn per ticket; ` +
      'staff limiter lifted, no Telegram pacing',
    `load average ${round(c.load.before, 2)} before, ${round(c.load.after, 2)} after, on ${c.load.cores} cores`,
  ].join('\n');
}
