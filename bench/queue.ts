/**
 * Queue benchmark: how fast confirmed tickets are created (store + enqueue), and the time from a user's confirm
 * to the staff-chat message being sent to a loopback Bot API, at light load and at 200 tickets a second, with
 * the worker in the bot's process (ROLE=all). Staff-chat pacing is lifted for the latency runs, so that they
 * measure the pipeline and not Telegram's 20-a-minute rule; a last run keeps the real pacing and shows how a
 * burst is carried in digests. Targets: p99 under 50 ms at light load; enqueueing never the bottleneck below
 * 1,000 tickets a second. Redis runs privately with appendonly yes and appendfsync everysec (BENCH_FSYNC).
 * Last, tickets in conversation: a user's message to its copy in the ticket's staff topic, and a staff message
 * to its relay to the user (support/conversation-latency.ts).
 */
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createGrammyMessenger } from '../src/adapters/grammy/messenger.js';
import { createBullmqDispatcher } from '../src/adapters/queue/bullmq-dispatcher.js';
import { composeFollowUps, type FollowUps } from '../src/wiring/follow-ups.js';
import { createTranslator } from '../src/i18n/translator.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { BENCH_TOKEN, serveBotApi } from './support/loopback-bot-api.js';
import { describeConversations, measureConversations } from './support/conversation-latency.js';
import { formatTable, percentile, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';

const STAFF_CHAT = -1001000000001;
/** BENCH_FSYNC=always reproduces the tests' setting (every write synced before the reply). */
const FSYNC = process.env.BENCH_FSYNC ?? 'everysec';

interface StaffSink {
  apiRoot: string;
  /** Ticket number -> time (performance.now) its staff message arrived; digests count for each ticket. */
  announced: Map<number, number>;
  staffMessages(): number;
  close(): Promise<void>;
}

/** A loopback Bot API that notes when each ticket's staff message arrives. */
async function startStaffSink(): Promise<StaffSink> {
  const announced = new Map<number, number>();
  let messages = 0;
  let messageId = 0;
  const served = await serveBotApi((_method, params, at) => {
    if (Number(params.chat_id) === STAFF_CHAT) {
      messages += 1;
      for (const match of String(params.text).matchAll(/#(\d{4,})/g)) {
        if (!announced.has(Number(match[1]))) announced.set(Number(match[1]), at);
      }
    }
    return { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: params.chat_id } };
  });
  return { ...served, announced, staffMessages: () => messages };
}

/** Drafts made ahead of time (one user each, so that the 3-open limit never refuses), as the offer tap would. */
async function drafts(runtime: FollowUps, count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = offset + i;
    const made = await runtime.requests.draft({
      channel: 'telegram',
      userId,
      chatId: userId,
      userName: `User ${userId}`,
      lang: 'en',
      question: `Benchmark question ${userId}: how does my company join the laser equipment community?`,
      considered: [{ id: 'laser-equipment', title: 'Laser Equipment Community' }],
      origin: 'offer',
    });
    if (made.kind !== 'draft') throw new Error('draft refused');
    ids.push(made.id);
  }
  return ids;
}

interface RateRow {
  load: string;
  tickets: number;
  ticketsPerSecond: number;
  confirmP50Ms: number;
  confirmP99Ms: number;
  staffP50Ms: number;
  staffP99Ms: number;
  staffMessages: number;
  /** From the first confirm until every ticket was in the staff chat. */
  allAnnouncedS: number;
}

/** Confirms at `rate` a second (open loop) and measures confirm time and confirm -> staff message time. */
async function atRate(
  runtime: FollowUps,
  sink: StaffSink,
  load: string,
  rate: number,
  count: number,
  offset: number,
): Promise<RateRow> {
  const ids = await drafts(runtime, count, offset);
  sink.announced.clear(); // every runtime numbers its tickets from #1001
  const messagesBefore = sink.staffMessages();
  const confirmed = new Map<number, number>();
  const confirmTimes: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      (async () => {
        const t0 = performance.now();
        const result = await runtime.requests.confirm(
          ids[i]!,
          { channel: 'telegram', userId: offset + i },
          offset + i,
        );
        confirmTimes.push(performance.now() - t0);
        if (result.kind === 'created') confirmed.set(result.ticket.number, t0);
      })(),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const deadline = Date.now() + 180_000;
  while ([...confirmed.keys()].some((n) => !sink.announced.has(n)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const staff = [...confirmed]
    .map(([n, t0]) => (sink.announced.get(n) ?? Number.NaN) - t0)
    .sort((a, b) => a - b);
  confirmTimes.sort((a, b) => a - b);
  return {
    load,
    tickets: confirmed.size,
    ticketsPerSecond: Math.round(confirmed.size / elapsed),
    confirmP50Ms: round(percentile(confirmTimes, 0.5), 2),
    confirmP99Ms: round(percentile(confirmTimes, 0.99), 2),
    staffP50Ms: round(percentile(staff, 0.5), 2),
    staffP99Ms: round(percentile(staff, 0.99), 2),
    staffMessages: sink.staffMessages() - messagesBefore,
    allAnnouncedS: round(
      (Math.max(...[...confirmed.keys()].map((n) => sink.announced.get(n) ?? Infinity)) - started) / 1000,
      1,
    ),
  };
}

/** BullMQ's add alone (announce jobs, as confirm queues them), `concurrency` at a time. */
async function enqueueOnly(runtime: FollowUps, count: number, concurrency: number): Promise<number> {
  const dispatcher = createBullmqDispatcher({ queues: runtime.queues, delivery: runtime.delivery });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const item = {
          id: `bench-enqueue-${i}`,
          queue: 'staff' as const,
          job: { name: 'announce' as const, ticket: i },
        };
        await dispatcher.dispatch([item], { outboxed: false });
      }
    }),
  );
  return Math.round(count / ((performance.now() - started) / 1000));
}

/** As many confirms as `concurrency` callers can make: the enqueue path's ceiling. */
async function saturate(runtime: FollowUps, count: number, concurrency: number, offset: number) {
  const ids = await drafts(runtime, count, offset);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await runtime.requests.confirm(ids[i]!, { channel: 'telegram', userId: offset + i }, offset + i);
      }
    }),
  );
  return Math.round(count / ((performance.now() - started) / 1000));
}

function makeRuntime(redisUrl: string, namespace: string, paced: boolean) {
  return composeFollowUps({
    redisUrl,
    staffChatId: STAFF_CHAT,
    staffLanguage: 'en',
    remindAfterMinutes: 30,
    translate: createTranslator(),
    log: pino({ level: 'warn' }),
    namespace,
    tuning: paced ? {} : { staffLimiter: { max: 1e9, duration: 1_000 } },
  });
}

/** Runs the queue benchmark, prints a table and writes bench/results/queue.json. */
export async function run(): Promise<void> {
  const redis = await startRedisServer({ appendonly: true });
  const admin = new Redis(redis.url);
  // Production's usual durability: the append-only file synced every second (the tests sync every write).
  await admin.config('SET', 'appendfsync', FSYNC);
  await admin.quit();
  const sink = await startStaffSink();
  const messenger = createGrammyMessenger(new Api(BENCH_TOKEN, { apiRoot: sink.apiRoot }));
  try {
    const unpaced = makeRuntime(redis.url, 'bench-unpaced:', false);
    await unpaced.whenReady();
    await unpaced.startWorkers(messenger);
    const rows: RateRow[] = [];
    await atRate(unpaced, sink, 'warm-up', 100, 200, 1_000_000);
    rows.push(await atRate(unpaced, sink, 'light (10/s)', 10, 300, 2_000_000));
    rows.push(await atRate(unpaced, sink, '200/s', 200, 2_000, 3_000_000));
    await unpaced.close();

    const enqueue = makeRuntime(redis.url, 'bench-enqueue:', false); // no workers: the producer side alone
    await enqueue.whenReady();
    const enqueuePerSecond = await saturate(enqueue, 5_000, 64, 4_000_000);
    const addPerSecond = await enqueueOnly(enqueue, 5_000, 64);
    await enqueue.queues.staff.obliterate({ force: true });
    await enqueue.close();

    const paced = makeRuntime(redis.url, 'bench-paced:', true);
    await paced.whenReady();
    await paced.startWorkers(messenger);
    const burst = await atRate(paced, sink, 'burst 200/s, real pacing', 200, 400, 5_000_000);
    await paced.close();

    const conversation = await measureConversations(redis.url);

    console.log(
      formatTable(
        [
          'load',
          'tickets',
          'created/s',
          'confirm p50',
          'confirm p99',
          'to staff p50',
          'to staff p99',
          'staff msgs',
          'all in',
        ],
        [...rows, burst].map((r) => [
          r.load,
          r.tickets,
          r.ticketsPerSecond,
          `${r.confirmP50Ms} ms`,
          `${r.confirmP99Ms} ms`,
          `${r.staffP50Ms} ms`,
          `${r.staffP99Ms} ms`,
          r.staffMessages,
          `${r.allAnnouncedS} s`,
        ]),
      ),
    );
    console.log(
      `\nconfirm ceiling (64 concurrent confirms: draft read, ticket stored, job queued; no worker): ${enqueuePerSecond} tickets/s`,
    );
    console.log(`queueing alone (BullMQ add of announce jobs, 64 concurrent): ${addPerSecond} jobs/s`);
    console.log(`Redis: appendonly yes, appendfsync ${FSYNC}`);
    console.log(`\n${describeConversations(conversation)}`);
    const path = await writeResults('queue', {
      rows,
      burst,
      enqueuePerSecond,
      conversation,
      redis: `appendonly yes, appendfsync ${FSYNC}`,
    });
    console.log(`written to ${path}`);
  } finally {
    await sink.close();
    await redis.dispose();
  }
}

export const section: BenchSection = {
  name: 'queue',
  description:
    'follow-up tickets: created a second, confirm -> staff message p50/p99 (light load, 200/s, burst); ' +
    'user <-> staff topic p50/p99 in conversations',
  run,
};
