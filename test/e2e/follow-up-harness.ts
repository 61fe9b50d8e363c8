import type { FollowUpWorkers } from '../../src/adapters/queue/follow-up-workers.js';
import { createTranslator } from '../../src/i18n/translator.js';
import type { FollowUps } from '../../src/wiring/follow-ups.js';
import type { FollowUpTuning } from '../../src/wiring/follow-up-workers.js';
import { createWorkerMessenger } from '../../src/wiring/transport.js';
import { FAST } from '../adapters/queue/follow-up-tuning.js';
import { startBotHarness, type BotFramework, type BotHarness } from '../support/bot-harness.js';
import type { Exchange } from '../support/bot-exchange.js';
import { startFakeBotApi, type FakeChat, type FakeUser, type SentMessage } from '../support/fake-bot-api.js';
import { uniquePrefix } from '../support/redis.js';

export const STAFF_CHAT: FakeChat = { id: -1009876543210, type: 'supergroup', title: 'Community Desk staff' };
export const translate = createTranslator();

export interface FollowUpBot {
  h: BotHarness;
  /** Where and under which namespace the follow-ups live (a worker in another process needs both). */
  redisUrl: string;
  namespace: string;
  /** The follow-ups of the bot's current start. */
  readonly runtime: FollowUps;
  /** Every log record of the bot and its worker (the same as `h.logs`). */
  records: Record<string, unknown>[];
  staff(firstName?: string): FakeUser;
  startWorker(): Promise<FollowUpWorkers>;
  /** A staff member's message in the staff chat, as a reply to `replyTo` (one of the chat's messages) if given. */
  staffReply(staff: FakeUser, text: string, replyTo?: SentMessage): Promise<Exchange>;
  /** A staff member's command in the staff chat. */
  staffCommand(staff: FakeUser, name: string, args?: string): Promise<Exchange>;
  /** A staff member writes `text` (a command too) in a forum topic of the staff chat. */
  staffInTopic(staff: FakeUser, text: string, threadId: number): Promise<Exchange>;
  staffMessages(): SentMessage[];
  waitForStaffMessages(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  /** The staff-chat post announcing ticket `number`. */
  waitForStaffPost(number: number, timeoutMs?: number): Promise<SentMessage>;
  /** The user's private chat as it stands. */
  userMessages(user: FakeUser): SentMessage[];
  waitForUserMessages(user: FakeUser, count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export interface FollowUpBotOptions {
  /** Which adapter runs the bot and sends the worker's messages. Default grammy. */
  framework?: BotFramework;
  redisUrl?: string;
  /** Start the follow-up worker in the bot's process (default true), as ROLE=all does. */
  worker?: boolean;
  remindAfterMinutes?: number;
  tuning?: FollowUpTuning;
  /** Make the staff chat a forum supergroup, the bot allowed to manage its topics or not. */
  forum?: { canManageTopics: boolean };
}

async function waitFor<T>(read: () => T[], count: number, timeoutMs: number, what: string): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const items = read();
    if (items.length >= count) return items;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: ${read().length} messages, expected ${count} within ${timeoutMs} ms`);
}

/**
 * The bot as `npm start` runs it with a staff chat (follow-ups on, the worker in the bot's process as ROLE=all,
 * sending through the same framework, unless told otherwise), against the fake Bot API.
 */
export async function startFollowUpBot(opts: FollowUpBotOptions = {}): Promise<FollowUpBot> {
  const fake = await startFakeBotApi();
  // Before the bot starts: the worker looks at the staff chat as it starts.
  if (opts.forum) fake.makeForum(STAFF_CHAT.id, opts.forum);
  const h = await startBotHarness({
    framework: opts.framework,
    redisUrl: opts.redisUrl,
    prefix: uniquePrefix('e2e-fu'),
    fake,
    env: {
      STAFF_CHAT_ID: String(STAFF_CHAT.id),
      ROLE: opts.worker === false ? 'bot' : 'all',
      FOLLOWUP_REMIND_MINUTES: String(opts.remindAfterMinutes ?? 30),
    },
    tuning: { followUps: { ...FAST, ...opts.tuning } },
  });
  const runtime = () => h.running.followUps!;
  const workers: FollowUpWorkers[] = h.running.workers ? [h.running.workers] : [];
  const startWorker = async () => {
    const messenger = createWorkerMessenger(h.config, { logger: h.logger, metrics: h.metrics });
    const started = await runtime().startWorkers(messenger);
    workers.push(started);
    return started;
  };
  return {
    h,
    redisUrl: h.config.REDIS_URL,
    namespace: h.namespace,
    get runtime() {
      return runtime();
    },
    records: h.logs,
    staff: (firstName = 'Anna') => h.fake.user({ firstName, languageCode: 'en' }),
    startWorker,
    staffReply: (staff, text, replyTo) =>
      h.exchange(
        () =>
          h.fake.sendText(staff, text, {
            chat: STAFF_CHAT,
            ...(replyTo ? { replyTo: h.fake.messageInChat(STAFF_CHAT.id, replyTo.messageId)! } : {}),
          }),
        STAFF_CHAT.id,
      ),
    staffCommand: (staff, name, args = '') =>
      h.exchange(() => h.fake.sendCommand(staff, name, args, { chat: STAFF_CHAT }), STAFF_CHAT.id),
    staffInTopic: (staff, text, threadId) =>
      h.exchange(() => h.fake.sendInTopic(staff, text, STAFF_CHAT, threadId), STAFF_CHAT.id),
    staffMessages: () => h.fake.sentTo(STAFF_CHAT.id),
    waitForStaffMessages: (count, timeoutMs = 5_000) =>
      waitFor(() => h.fake.sentTo(STAFF_CHAT.id), count, timeoutMs, 'staff chat'),
    async waitForStaffPost(number, timeoutMs = 5_000) {
      const isPost = (m: SentMessage) => m.text.includes(`Ticket #${number}`);
      const [post] = await waitFor(
        () => h.fake.sentTo(STAFF_CHAT.id).filter(isPost),
        1,
        timeoutMs,
        `post of #${number}`,
      );
      return post!;
    },
    userMessages: (user) => h.fake.sentTo(user.id),
    waitForUserMessages: (user, count, timeoutMs = 5_000) =>
      waitFor(() => h.fake.sentTo(user.id), count, timeoutMs, `chat ${user.id}`),
    async close() {
      await Promise.all(workers.map((w) => w.close(true)));
      await Promise.all(
        [runtime().queues.staff, runtime().queues.user].map((q) =>
          q.obliterate({ force: true }).catch(() => undefined),
        ),
      );
      await h.stop();
      await fake.close();
    },
  };
}
