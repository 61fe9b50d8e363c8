import { Api } from 'grammy';
import { Telegram } from 'telegraf';
import { createGrammyMessenger } from '../../src/adapters/grammy/messenger.js';
import { createTelegrafMessenger } from '../../src/adapters/telegraf/messenger.js';
import type { Messenger } from '../../src/app/types.js';
import type { RunConfig } from '../../src/wiring/read-config.js';

export type BotFramework = RunConfig['BOT_FRAMEWORK'];

/** Every framework the desk runs on (BOT_FRAMEWORK's values). */
const FRAMEWORKS: readonly BotFramework[] = ['grammy', 'telegraf'];

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
