import type { Messenger } from '../app/types.js';
import type { Language } from '../core/language/languages.js';
import type { UpdateIntake } from '../adapters/grammy/run-polling.js';

/**
 * A Telegram framework (grammY or telegraf) as the composition root sees it: a way to take updates and a way
 * to send for the follow-up worker. Both adapters implement it, so that nothing above them knows which is used.
 */
export interface BotTransport {
  /** Starts long polling or the webhook, per BOT_MODE. */
  startIntake(): UpdateIntake;
  /** Registers the "/" command menu in each language; failures are logged, never thrown. */
  announceCommands(defaultLanguage: Language): Promise<void>;
}

/** Sending without automatic retries: the follow-up queue owns retries and their backoff. */
export type WorkerMessengerFactory = (token: string, apiRoot: string) => Messenger;

export type { UpdateIntake };
