import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { connectInBackground, createRedisConnection } from '../../src/adapters/redis/connection.js';
import { createRedisAnswerMemory } from '../../src/adapters/redis/answer-memory.js';
import { createRedisLanguagePreferences } from '../../src/adapters/redis/language-preferences.js';
import type { AnswerMemory } from '../../src/app/answer-memory.js';
import { composeDesk, type ComposeDeskOptions } from '../../src/app/compose-desk.js';
import type { Desk } from '../../src/app/desk.js';
import type { LanguagePreferences } from '../../src/app/language-preferences.js';
import { buildSnapshot } from '../../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile, formatKbError } from '../../src/core/knowledge-base/load.js';
import { createKnowledgeStore, type SwappableKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import type { Language } from '../../src/core/language/languages.js';
import { createTranslator, type Translate } from '../../src/i18n/translator.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { projectRoot } from '../../src/project-root.js';
import { closeRedis } from '../../src/runtime/close-redis.js';
import { startBot, type BotFramework, type StartedBot, type BotStarterOptions } from './bot-starters.js';
import {
  startFakeBotApi,
  type FakeBotApi,
  type FakeUpdate,
  type FakeUser,
  type MessageOptions,
  type SentMessage,
} from './fake-bot-api.js';
import { describeExchange, type Exchange } from './bot-exchange.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

export type { BotFramework, Exchange };

/** What a test's extra features, follow-up offer and guards are built from, per (re)start. */
export interface HarnessDeps {
  redis: Redis;
  prefix: string;
  logger: Logger;
  store: SwappableKnowledgeStore;
  translate: Translate;
  preferences: LanguagePreferences;
  /** Recent answers and their ratings, as the desk keeps them. */
  answers: AnswerMemory;
  fake: FakeBotApi;
}

export interface BotHarnessOptions {
  /** Which adapter runs the desk. Default grammy. */
  framework?: BotFramework;
  /** Default: the shared test Redis. A test that stops Redis passes its private server's URL. */
  redisUrl?: string;
  /** Redis key prefix; unique by default and cleaned up on stop. */
  prefix?: string;
  /** Default: the shipped data/knowledge-base.json. */
  kbPath?: string;
  defaultLanguage?: Language;
  /** Retry policy of outgoing calls; production's by default. */
  retry?: BotStarterOptions['retry'];
  /** Built again on each (re)start with that start's connections. */
  extraFeatures?: (deps: HarnessDeps) => ComposeDeskOptions['extraFeatures'];
  offerFollowUp?: (deps: HarnessDeps) => ComposeDeskOptions['offerFollowUp'];
  gaps?: (deps: HarnessDeps) => ComposeDeskOptions['gaps'];
  stats?: (deps: HarnessDeps) => ComposeDeskOptions['stats'];
  guards?: (deps: HarnessDeps) => ComposeDeskOptions['guards'];
  /** The staff chat, where /help and /start explain the staff's commands. */
  staffChat?: ComposeDeskOptions['staffChat'];
  /** Share a fake Bot API between harnesses (two instances of the bot); otherwise one is started and closed here. */
  fake?: FakeBotApi;
}

export interface BotHarness {
  readonly fake: FakeBotApi;
  readonly framework: BotFramework;
  readonly prefix: string;
  /** The current start's Redis connection and desk (they change on restart). */
  readonly redis: Redis;
  readonly desk: Desk;
  readonly store: SwappableKnowledgeStore;
  /** Every log record (JSON objects, debug level and up) of the bot since the harness started. */
  readonly logs: Record<string, unknown>[];
  user(opts?: { languageCode?: string; firstName?: string; username?: string }): FakeUser;
  /** The user sends a text and the bot handles it to the end. */
  say(user: FakeUser, text: string, opts?: MessageOptions): Promise<Exchange>;
  command(user: FakeUser, name: string, args?: string, opts?: MessageOptions): Promise<Exchange>;
  /** The user taps a button with `data` on `message` and the bot handles it to the end. */
  tap(user: FakeUser, message: SentMessage, data: string): Promise<Exchange>;
  /** Pushes any update and waits until the bot is done with it. */
  exchange(push: () => FakeUpdate, chatId: number, timeoutMs?: number): Promise<Exchange>;
  /** Resolves when the bot finished handling the update (its response sent). */
  handled(updateId: number, timeoutMs?: number): Promise<void>;
  /** Stops the bot and starts a new one (new Redis connection, new desk) on the same fake and Redis prefix. */
  restart(): Promise<void>;
  /** Stops the bot, removes this harness's Redis keys, closes connections (and the fake if it owns it). */
  stop(): Promise<void>;
}

async function loadStore(kbPath: string, defaultLanguage: Language): Promise<SwappableKnowledgeStore> {
  const loaded = await loadKnowledgeBaseFile(kbPath);
  if (!loaded.ok)
    throw new Error(`test knowledge base invalid:\n${loaded.errors.map(formatKbError).join('\n')}`);
  return createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage }));
}

function captureLogs(): { logger: Logger; logs: Record<string, unknown>[] } {
  const logs: Record<string, unknown>[] = [];
  // The production logger (its error serializers and redaction), at debug level so that tests see every line.
  const logger = createLogger('debug', {
    destination: { write: (line: string) => void logs.push(JSON.parse(line)) },
  });
  return { logger, logs };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  if (redis.status !== 'ready') return;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 200);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Starts the real bot (desk, features, adapter, Redis-backed preferences) against a fake Bot API, for
 * end-to-end tests. The bot is assembled by production's createTransport (see startBot), on grammY or telegraf.
 */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const framework = options.framework ?? 'grammy';
  const fake = options.fake ?? (await startFakeBotApi());
  const prefix = options.prefix ?? uniquePrefix('desk');
  const defaultLanguage = options.defaultLanguage ?? 'en';
  const store = await loadStore(
    options.kbPath ?? join(projectRoot(), 'data/knowledge-base.json'),
    defaultLanguage,
  );
  const translate = createTranslator();
  const { logger, logs } = captureLogs();
  const handledIds = new Set<number>();
  const waiters = new Map<number, () => void>();

  let redis!: Redis;
  let desk!: Desk;
  let bot: StartedBot | undefined;

  async function start(): Promise<void> {
    redis = createRedisConnection(options.redisUrl ?? testRedisUrl(), { logger, name: 'desk-test' });
    connectInBackground(redis);
    await new Promise<void>((resolve) => {
      redis.once('ready', resolve);
      redis.once('error', () => resolve());
    });
    const preferences = createRedisLanguagePreferences({ redis, prefix, log: logger });
    const answers = createRedisAnswerMemory({ redis, prefix, log: logger });
    const deps: HarnessDeps = { redis, prefix, logger, store, translate, preferences, answers, fake };
    desk = composeDesk({
      store,
      translate,
      preferences,
      defaultLanguage,
      logger,
      extraFeatures: options.extraFeatures?.(deps),
      offerFollowUp: options.offerFollowUp?.(deps),
      followUps: options.offerFollowUp !== undefined,
      staffChat: options.staffChat,
      memory: answers,
      gaps: options.gaps?.(deps),
      stats: options.stats?.(deps),
      guards: options.guards?.(deps),
    });
    bot = await startBot({
      framework,
      token: fake.token,
      apiRoot: fake.apiRoot,
      desk,
      logger,
      redis,
      retry: options.retry,
      onUpdateHandled: ({ updateId }) => {
        handledIds.add(updateId);
        waiters.get(updateId)?.();
      },
    });
  }

  async function stopBot(): Promise<void> {
    await bot?.stop();
    bot = undefined;
  }

  const handled = (updateId: number, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (handledIds.has(updateId)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`update ${updateId} not handled within ${timeoutMs} ms`)),
        timeoutMs,
      );
      waiters.set(updateId, () => {
        clearTimeout(timer);
        waiters.delete(updateId);
        resolve();
      });
    });

  async function exchange(push: () => FakeUpdate, chatId: number, timeoutMs?: number): Promise<Exchange> {
    const since = fake.mark();
    const update = push();
    await handled(update.update_id, timeoutMs);
    return describeExchange(fake, update, since, chatId);
  }

  await start();
  return {
    fake,
    framework,
    prefix,
    store,
    logs,
    get redis() {
      return redis;
    },
    get desk() {
      return desk;
    },
    user: (opts) => fake.user(opts),
    say: (user, text, opts) => exchange(() => fake.sendText(user, text, opts), opts?.chat?.id ?? user.id),
    command: (user, name, args, opts) =>
      exchange(() => fake.sendCommand(user, name, args, opts), opts?.chat?.id ?? user.id),
    tap: (user, message, data) => exchange(() => fake.tapButton(user, message, data), message.chatId),
    exchange,
    handled,
    async restart() {
      await stopBot();
      await closeRedis(redis);
      await start();
    },
    async stop() {
      await stopBot();
      await deleteKeys(redis, prefix).catch(() => undefined);
      await closeRedis(redis);
      if (!options.fake) await fake.close();
    },
  };
}
