import { Writable } from 'node:stream';
import { Api } from 'grammy';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { createGrammyMessenger } from '../../../src/adapters/grammy/messenger.js';
import type { FollowUpWorkers } from '../../../src/adapters/queue/follow-up-workers.js';
import type { ConfirmResult } from '../../../src/app/follow-up/ticket-requests.js';
import type { Messenger } from '../../../src/app/types.js';
import type { TicketDraft } from '../../../src/core/follow-up/ticket.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { composeFollowUps, type FollowUps } from '../../../src/wiring/follow-ups.js';
import type { FollowUpTuning } from '../../../src/wiring/follow-up-workers.js';
import { FAST } from './follow-up-tuning.js';

export { FAST };
import { startFakeBotApi, type FakeBotApi, type SentMessage } from '../../support/fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

export const STAFF_CHAT_ID = -1001234567890;
const translate = createTranslator();

/** A logger that keeps its records, to assert on warnings. */
export function recordingLogger(): { log: Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) records.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), records };
}

export interface QueueFixture {
  api: FakeBotApi;
  runtime: FollowUps;
  messenger: Messenger;
  records: Record<string, unknown>[];
  /** What the runtime reported for metrics. */
  observed: { created: number; wrote: number; answered: number };
  workers: FollowUpWorkers[];
  startWorker(messenger?: Messenger): Promise<FollowUpWorkers>;
  /** What the user does: a draft, then the confirmation carried by update `updateId`. */
  confirm(question: string, updateId: number, user?: Partial<TicketDraft>): Promise<ConfirmResult>;
  staffMessages(): SentMessage[];
  /** Resolves when the staff chat holds `count` messages; rejects after `timeoutMs`. */
  waitForStaffMessages(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  redisUrl?: string;
  tuning?: FollowUpTuning;
  remindAfterMinutes?: number;
  /** Start one worker right away (default true). */
  worker?: boolean;
}

/** Follow-ups over a real Redis (isolated by namespace) and a loopback Bot API, without a bot. */
export async function startQueueFixture(opts: FixtureOptions = {}): Promise<QueueFixture> {
  const api = await startFakeBotApi();
  const { log, records } = recordingLogger();
  const namespace = `${uniquePrefix('fu')}:`;
  const redisUrl = opts.redisUrl ?? testRedisUrl();
  const observed = { created: 0, wrote: 0, answered: 0 };
  const runtime = composeFollowUps({
    observer: {
      ticketCreated: () => observed.created++,
      staffWrote: () => observed.wrote++,
      ticketAnswered: () => observed.answered++,
      ticketClosed: () => undefined,
      ticketRated: () => undefined,
    },
    redisUrl,
    staffChatId: STAFF_CHAT_ID,
    staffLanguage: 'en',
    remindAfterMinutes: opts.remindAfterMinutes ?? 30,
    translate,
    log,
    namespace,
    tuning: { ...FAST, ...opts.tuning },
  });
  await runtime.whenReady();
  const messenger = createGrammyMessenger(new Api(api.token, { apiRoot: api.apiRoot }));
  const workers: FollowUpWorkers[] = [];
  const fixture: QueueFixture = {
    api,
    runtime,
    messenger,
    records,
    observed,
    workers,
    async startWorker(custom) {
      const started = await runtime.startWorkers(custom ?? messenger);
      workers.push(started);
      return started;
    },
    async confirm(question, updateId, user = {}) {
      const draft = await runtime.requests.draft({
        channel: 'telegram',
        userId: 501,
        chatId: 501,
        userName: 'Li Wei',
        lang: 'zh',
        question,
        considered: [{ id: 'funding', title: 'Funding' }],
        origin: 'ask',
        ...user,
      });
      if (draft.kind !== 'draft') throw new Error(`draft refused: ${draft.problem}`);
      return runtime.requests.confirm(
        draft.id,
        { channel: 'telegram', userId: user.userId ?? 501 },
        updateId,
      );
    },
    staffMessages: () => api.sentTo(STAFF_CHAT_ID),
    async waitForStaffMessages(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (api.sentTo(STAFF_CHAT_ID).length >= count) return api.sentTo(STAFF_CHAT_ID);
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`staff chat has ${api.sentTo(STAFF_CHAT_ID).length} messages, expected ${count}`);
    },
    async close() {
      await Promise.all(workers.map((w) => w.close(true)));
      await obliterate(runtime);
      await runtime.close();
      await api.close();
      await deleteKeys(redisUrl, namespace);
    },
  };
  if (opts.worker !== false) await fixture.startWorker();
  return fixture;
}

/** Removes a namespace's keys (the ticket store's; BullMQ's go with obliterate). */
export async function deleteKeys(url: string, namespace: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    const keys = await redis.keys(`${namespace}*`);
    if (keys.length) await redis.del(...keys);
  } catch {
    // a test that stopped its own Redis has nothing left to clean
  } finally {
    redis.disconnect();
  }
}

async function obliterate(runtime: FollowUps): Promise<void> {
  await Promise.all(
    [runtime.queues.staff, runtime.queues.user].map((q) =>
      q.obliterate({ force: true }).catch(() => undefined),
    ),
  );
}

/** Polls `check` until it returns something truthy (what the worker records right after sending takes a moment). */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
