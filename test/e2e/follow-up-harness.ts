import type { FollowUpWorkers } from '../../src/adapters/queue/follow-up-workers.js';
import type { FollowUpObserver } from '../../src/app/follow-up/work-items.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { composeFollowUps, type FollowUps } from '../../src/wiring/follow-ups.js';
import type { FollowUpTuning } from '../../src/wiring/follow-up-workers.js';
import { deleteKeys, FAST, recordingLogger } from '../adapters/queue/follow-up-fixture.js';
import { startBotHarness, type BotFramework, type BotHarness } from '../support/bot-harness.js';
import type { Exchange } from '../support/bot-exchange.js';
import { testMessenger } from '../support/bot-starters.js';
import type { FakeChat, FakeUser, SentMessage } from '../support/fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

export const STAFF_CHAT: FakeChat = { id: -1009876543210, type: 'supergroup', title: 'Community Desk staff' };
export const translate = createTranslator();

export interface FollowUpBot {
  h: BotHarness;
  /** Where and under which namespace the follow-ups live (a worker in another process needs both). */
  redisUrl: string;
  namespace: string;
  runtime: FollowUps;
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
  /** Told of tickets created, answered, closed and rated, as main.ts's metrics and /stats are. */
  observer?: FollowUpObserver;
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
 * The real bot (desk, the chosen framework's adapter, Redis) with follow-ups wired as main.ts wires them,
 * against the fake Bot API, with the worker in-process (sending through the same framework) unless told
 * otherwise.
 */
export async function startFollowUpBot(opts: FollowUpBotOptions = {}): Promise<FollowUpBot> {
  const { log, records } = recordingLogger();
  const redisUrl = opts.redisUrl ?? testRedisUrl();
  const namespace = `${uniquePrefix('e2e-fu')}:`;
  const runtime = composeFollowUps({
    redisUrl,
    staffChatId: STAFF_CHAT.id,
    staffLanguage: 'en',
    remindAfterMinutes: opts.remindAfterMinutes ?? 30,
    translate,
    log,
    namespace,
    tuning: { ...FAST, ...opts.tuning },
    ...(opts.observer ? { observer: opts.observer } : {}),
  });
  await runtime.whenReady();
  const h = await startBotHarness({
    framework: opts.framework,
    redisUrl,
    extraFeatures: () => runtime.features,
    offerFollowUp: () => runtime.offerFollowUp,
    staffChat: { id: STAFF_CHAT.id, language: 'en' },
  });
  if (opts.forum) h.fake.makeForum(STAFF_CHAT.id, opts.forum);
  const workers: FollowUpWorkers[] = [];
  const startWorker = async () => {
    const started = await runtime.startWorkers(testMessenger(h.framework, h.fake));
    workers.push(started);
    return started;
  };
  if (opts.worker !== false) await startWorker();
  return {
    h,
    redisUrl,
    namespace,
    runtime,
    records,
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
        [runtime.queues.staff, runtime.queues.user].map((q) =>
          q.obliterate({ force: true }).catch(() => undefined),
        ),
      );
      await runtime.close();
      await h.stop();
      await deleteKeys(redisUrl, namespace);
    },
  };
}
