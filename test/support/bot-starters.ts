import type { Redis } from 'ioredis';
import { Api } from 'grammy';
import { Telegram } from 'telegraf';
import { createGrammyMessenger } from '../../src/adapters/grammy/messenger.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { createTelegrafMessenger } from '../../src/adapters/telegraf/messenger.js';
import type { Desk } from '../../src/app/desk.js';
import type { Messenger } from '../../src/app/types.js';
import type { Logger } from '../../src/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import type { DeskBotOptions } from '../../src/runtime/desk-bot.js';
import type { RunConfig } from '../../src/wiring/read-config.js';
import { createTransport } from '../../src/wiring/transport.js';

export type BotFramework = RunConfig['BOT_FRAMEWORK'];

/** Every framework the desk runs on (BOT_FRAMEWORK's values). */
const FRAMEWORKS: readonly BotFramework[] = ['grammy', 'telegraf'];

export interface BotStarterOptions {
  framework: BotFramework;
  token: string;
  apiRoot: string;
  desk: Desk;
  logger: Logger;
  redis: Redis;
  /** Retry policy of outgoing calls (429 waits up to maxDelaySeconds, 5xx); false turns retries off. */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number } | false;
  onUpdateHandled: NonNullable<DeskBotOptions['onUpdateHandled']>;
}

export interface StartedBot {
  /** Stops polling; the updates in hand finish first. */
  stop(): Promise<void>;
}

/**
 * Starts the bot the way `npm start` does in long-polling mode (wiring's createTransport: the framework's bot
 * with the desk's outgoing-call policy, the production polling loop and update flow) and resolves once it
 * polls.
 */
export async function startBot(opts: BotStarterOptions): Promise<StartedBot> {
  const transport = createTransport(
    {
      BOT_FRAMEWORK: opts.framework,
      BOT_MODE: 'polling',
      TELEGRAM_BOT_TOKEN: opts.token,
      TELEGRAM_API_ROOT: opts.apiRoot,
    },
    {
      desk: opts.desk,
      logger: opts.logger,
      metrics: createMetrics({ defaultMetrics: false }),
      // Long polling needs neither; the webhook route would be mounted here.
      http: createHttpServer({ log: opts.logger }),
      redis: opts.redis,
      ...(opts.retry === false
        ? { apiPolicy: { retry: false } }
        : opts.retry
          ? { apiPolicy: opts.retry }
          : {}),
      // A short poll timeout keeps a stopped bot from holding the fake's connection for long.
      polling: { timeoutSeconds: 5 },
      onUpdateHandled: opts.onUpdateHandled,
    },
  );
  const intake = transport.startIntake();
  intake.finished.catch((err: unknown) => opts.logger.error({ err }, 'long polling ended'));
  await intake.started;
  return { stop: () => intake.stop() };
}

/**
 * A Messenger (the worker's sending port) of the given framework, without retries (the queue owns them), for
 * tests that run the follow-up worker on either adapter.
 */
export function testMessenger(framework: BotFramework, api: { token: string; apiRoot: string }): Messenger {
  return framework === 'telegraf'
    ? createTelegrafMessenger(new Telegram(api.token, { apiRoot: api.apiRoot, webhookReply: false }))
    : createGrammyMessenger(new Api(api.token, { apiRoot: api.apiRoot }));
}

/**
 * The frameworks the end-to-end scenarios run on, for `describe.each(frameworks())`: every framework, or only
 * those named in TEST_FRAMEWORKS (comma-separated, e.g. `TEST_FRAMEWORKS=grammy`).
 */
export function frameworks(): BotFramework[] {
  const wanted = process.env.TEST_FRAMEWORKS?.split(',').map((name) => name.trim().toLowerCase());
  if (!wanted?.length || wanted.every((name) => name === '')) return [...FRAMEWORKS];
  const unknown = wanted.filter((name) => name !== '' && !FRAMEWORKS.includes(name as BotFramework));
  if (unknown.length > 0) {
    throw new Error(`TEST_FRAMEWORKS names ${unknown.join(', ')}; known: ${FRAMEWORKS.join(', ')}`);
  }
  return FRAMEWORKS.filter((name) => wanted.includes(name));
}
