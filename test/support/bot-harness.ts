import type { Redis } from 'ioredis';
import type { Desk } from '../../src/app/desk.js';
import type { Feature } from '../../src/app/feature.js';
import type { SwappableKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import type { Language } from '../../src/core/language/languages.js';
import type { Logger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/observability/metrics.js';
import type { ApiPolicyKnobs } from '../../src/runtime/api-call-policy.js';
import { createShutdown } from '../../src/runtime/shutdown.js';
import { runConfigFrom, type RunConfig } from '../../src/wiring/read-config.js';
import {
  startDesk,
  type DeskTuning,
  type RunningBot,
  type RunningDesk,
} from '../../src/wiring/start-desk.js';
import type { BotFramework } from './bot-starters.js';
import {
  startFakeBotApi,
  type FakeBotApi,
  type FakeUpdate,
  type FakeUser,
  type MessageOptions,
  type SentMessage,
} from './fake-bot-api.js';
import { describeExchange, type Exchange } from './bot-exchange.js';
import { deleteKeys, harnessKeys, testEnv, type IntakeMode } from './harness-env.js';
import { captureLogs, type LogCapture, type LogRecord } from './log-capture.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

export type { BotFramework, Exchange, IntakeMode };

export interface BotHarnessOptions {
  /** Which adapter runs the desk (BOT_FRAMEWORK). Default grammy. */
  framework?: BotFramework;
  /** How the bot takes updates (BOT_MODE): long polling (default), or the webhook on the desk's HTTP server. */
  mode?: IntakeMode;
  /** Default: the shared test Redis. A test that stops Redis passes its private server's URL. */
  redisUrl?: string;
  /** Bots given the same prefix share their Redis keys (a reload cluster); unique by default, removed on stop. */
  prefix?: string;
  /** KB_PATH; default the shipped data/knowledge-base.json. */
  kbPath?: string;
  defaultLanguage?: Language;
  /** Retry policy of outgoing calls; production's by default. */
  retry?: Pick<ApiPolicyKnobs, 'maxRetryAttempts' | 'maxDelaySeconds'> | false;
  /** Features after the deployment's own, built again on each (re)start. */
  extraFeatures?: () => Feature[];
  /** More of the bot's environment (STAFF_CHAT_ID, ADMIN_IDS, ADMIN_TOKEN, ROLE, RATE_LIMIT_PER_MINUTE...). */
  env?: NodeJS.ProcessEnv;
  /** Shorter times than production's where a test needs them. */
  tuning?: DeskTuning;
  /** This bot's name in the reload cluster. */
  instanceId?: string;
  /** Share a fake Bot API between harnesses (two instances of the bot); otherwise one is started and closed here. */
  fake?: FakeBotApi;
}

export interface BotHarness {
  readonly fake: FakeBotApi;
  readonly framework: BotFramework;
  /** The configuration the bot runs with, read from the test's environment as `npm start` reads its own. */
  readonly config: RunConfig;
  /** Put before every Redis key and queue name of this bot. */
  readonly namespace: string;
  /** Where the desk's keys start in Redis. */
  readonly prefix: string;
  /** What the current start runs (connections, stores, follow-ups: they change on restart). */
  readonly running: RunningDesk;
  readonly redis: RunningDesk['redis'];
  /** The very desk the running bot hands each update to (a test may replace its `handle` to plant a bug). */
  readonly desk: Desk;
  readonly store: SwappableKnowledgeStore;
  /** The current start's metrics. */
  readonly metrics: Metrics;
  /** The bot's logger, whose records `logs` keeps. */
  readonly logger: Logger;
  /** Every log record (JSON objects, debug level and up) of the bot since the harness started. */
  readonly logs: LogRecord[];
  /** The same records as the logger wrote them (JSON text). */
  readonly lines: string[];
  /** Resolves with the first record matching `predicate`, logged already or to come. */
  waitForLog: LogCapture['waitForLog'];
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
  /** Shuts the bot down as SIGTERM would and starts it again (new connections, new desk) on the same fake and keys. */
  restart(): Promise<void>;
  /** Shuts the bot down, removes this harness's Redis keys and closes the fake if it owns it. */
  stop(): Promise<void>;
}

function apiPolicy(retry: BotHarnessOptions['retry']): ApiPolicyKnobs | undefined {
  return retry === false ? { retry: false } : retry;
}

/** Resolves once the connection is up, or failed for the first time (a test that starts without Redis). */
function connected(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    redis.once('ready', resolve);
    redis.once('error', () => resolve());
  });
}

/**
 * Starts the bot against a fake Bot API, for end-to-end tests, the way `npm start` does: a configuration read
 * from an environment (the fake's token and root, the test Redis, a namespace of its own) given to
 * production's startDesk, on grammY or telegraf, by long polling or the webhook.
 */
export async function startBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const framework = options.framework ?? 'grammy';
  const mode = options.mode ?? 'polling';
  const fake = options.fake ?? (await startFakeBotApi());
  const namespace = `${options.prefix ?? uniquePrefix('desk')}:`;
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const config = runConfigFrom(await testEnv({ ...options, framework, mode }, fake, redisUrl));
  const { logger, logs, lines, waitForLog } = captureLogs();
  const handledIds = new Set<number>();
  const waiters = new Map<number, () => void>();

  let running!: RunningDesk;
  let bot!: RunningBot;
  let metrics!: Metrics;
  let shutDown: () => Promise<unknown> = async () => undefined;

  async function start(): Promise<void> {
    const shutdown = createShutdown({ log: logger, exit: () => undefined });
    shutDown = () => shutdown.run('test');
    metrics = createMetrics({ defaultMetrics: false });
    running = await startDesk(config, {
      logger,
      metrics,
      shutdown,
      onIntakeFailed: (err) => logger.error({ err }, 'taking updates ended with an error'),
      namespace,
      instanceId: options.instanceId,
      extraFeatures: options.extraFeatures?.(),
      // A short long-poll keeps a stopped bot from holding the fake's connection for long.
      tuning: { polling: { timeoutSeconds: 5 }, apiPolicy: apiPolicy(options.retry), ...options.tuning },
      onUpdateHandled: ({ updateId }) => {
        handledIds.add(updateId);
        waiters.get(updateId)?.();
      },
    });
    if (!running.bot) throw new Error(`the harness runs a bot; ROLE=${config.ROLE} runs none`);
    bot = running.bot;
    await connected(running.redis);
    // The bot serves from here on; a test starts talking once it polls or its webhook is set, in the reload
    // cluster (Redis allowing).
    const redisUp = running.redis.status === 'ready';
    if (redisUp && running.followUps) await running.followUps.whenReady();
    await Promise.all([bot.intake.started, bot.commandsAnnounced, redisUp ? bot.joined : undefined]);
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
    config,
    namespace,
    logger,
    logs,
    lines,
    waitForLog,
    get prefix() {
      return running.prefix;
    },
    get running() {
      return running;
    },
    get redis() {
      return running.redis;
    },
    get desk() {
      return bot.desk;
    },
    get store() {
      return bot.store;
    },
    get metrics() {
      return metrics;
    },
    user: (opts) => fake.user(opts),
    say: (user, text, opts) => exchange(() => fake.sendText(user, text, opts), opts?.chat?.id ?? user.id),
    command: (user, name, args, opts) =>
      exchange(() => fake.sendCommand(user, name, args, opts), opts?.chat?.id ?? user.id),
    tap: (user, message, data) => exchange(() => fake.tapButton(user, message, data), message.chatId),
    exchange,
    handled,
    async restart() {
      await shutDown();
      await start();
    },
    async stop() {
      await shutDown();
      await deleteKeys(redisUrl, harnessKeys(namespace));
      if (!options.fake) await fake.close();
    },
  };
}
