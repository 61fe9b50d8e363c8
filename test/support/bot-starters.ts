import { Api } from 'grammy';
import { Telegram } from 'telegraf';
import { createGrammyBot, type GrammyBotOptions } from '../../src/adapters/grammy/create-bot.js';
import { createGrammyMessenger } from '../../src/adapters/grammy/messenger.js';
import { startPolling } from '../../src/adapters/grammy/polling.js';
import { createTelegrafBot } from '../../src/adapters/telegraf/create-bot.js';
import { createTelegrafMessenger } from '../../src/adapters/telegraf/messenger.js';
import { startTelegrafPolling } from '../../src/adapters/telegraf/run-polling.js';
import type { Messenger } from '../../src/app/types.js';

export type BotFramework = 'grammy' | 'telegraf';

export type BotStarterOptions = Pick<
  GrammyBotOptions,
  'token' | 'apiRoot' | 'desk' | 'logger' | 'onUpdateHandled'
> & {
  /** Retry policy of outgoing calls (429 waits up to maxDelaySeconds, 5xx); false turns retries off. */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number } | false;
};

export interface StartedBot {
  /** Stops polling; the update in hand finishes first. */
  stop(): Promise<void>;
}

/** Starts the grammY adapter with long polling and resolves once it polls. */
async function startGrammy(opts: BotStarterOptions): Promise<StartedBot> {
  const grammy = createGrammyBot(opts);
  // A short poll timeout keeps a stopped bot from holding the fake's connection for long.
  const polling = startPolling(grammy.bot, opts.logger, { timeoutSeconds: 5 });
  await polling.started;
  return { stop: () => polling.stop() };
}

/** Starts the telegraf adapter with its long polling and resolves once it polls. */
async function startTelegraf(opts: BotStarterOptions): Promise<StartedBot> {
  const telegraf = createTelegrafBot(opts);
  const polling = startTelegrafPolling(telegraf.bot, opts.logger, { timeoutSeconds: 5 });
  polling.finished.catch((err: unknown) => opts.logger.error({ err }, 'telegraf polling ended'));
  await polling.started;
  return { stop: () => polling.stop() };
}

/**
 * One starter per framework. Every end-to-end scenario written with the harness runs on each framework listed
 * by `frameworks()`.
 */
export const BOT_STARTERS: Record<
  BotFramework,
  ((opts: BotStarterOptions) => Promise<StartedBot>) | undefined
> = {
  grammy: startGrammy,
  telegraf: startTelegraf,
};

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
 * The frameworks the end-to-end scenarios run on, for `describe.each(frameworks())`: every framework with a
 * starter, or only those named in TEST_FRAMEWORKS (comma-separated, e.g. `TEST_FRAMEWORKS=grammy`).
 */
export function frameworks(): BotFramework[] {
  const available = (Object.keys(BOT_STARTERS) as BotFramework[]).filter(
    (name) => BOT_STARTERS[name] !== undefined,
  );
  const wanted = process.env.TEST_FRAMEWORKS?.split(',').map((name) => name.trim().toLowerCase());
  if (!wanted?.length || wanted.every((name) => name === '')) return available;
  const unknown = wanted.filter((name) => name !== '' && !available.includes(name as BotFramework));
  if (unknown.length > 0) {
    throw new Error(`TEST_FRAMEWORKS names ${unknown.join(', ')}; known: ${available.join(', ')}`);
  }
  return available.filter((name) => wanted.includes(name));
}
