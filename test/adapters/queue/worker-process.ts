/**
 * A follow-up worker alone in its own process, as `ROLE=worker` runs it, for tests that kill a worker for real.
 * Configured by environment: REDIS_URL, NAMESPACE, API_ROOT, BOT_TOKEN, STAFF_CHAT_ID, HANG_ON_SEND=1 to
 * print "posting" and never finish its first send (so that the test can kill it in the middle of posting), and
 * STAFF_POSTS_PER_SECOND to loosen the staff chat's pace for tests that post more than a few messages.
 */
import { Api } from 'grammy';
import { pino } from 'pino';
import { createGrammyMessenger } from '../../../src/adapters/grammy/messenger.js';
import type { Messenger } from '../../../src/app/types.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { composeFollowUps } from '../../../src/wiring/follow-ups.js';
import { FAST } from './follow-up-tuning.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const runtime = composeFollowUps({
  redisUrl: env('REDIS_URL'),
  staffChatId: Number(env('STAFF_CHAT_ID')),
  staffLanguage: 'en',
  remindAfterMinutes: 30,
  translate: createTranslator(),
  log: pino({ level: 'warn' }),
  namespace: env('NAMESPACE'),
  tuning: {
    ...FAST,
    ...(process.env.STAFF_POSTS_PER_SECOND
      ? { staffLimiter: { max: Number(process.env.STAFF_POSTS_PER_SECOND), duration: 1_000 } }
      : {}),
  },
});
const real = createGrammyMessenger(new Api(env('BOT_TOKEN'), { apiRoot: env('API_ROOT') }));
const messenger: Messenger =
  process.env.HANG_ON_SEND === '1'
    ? {
        ...real,
        send: () => {
          process.stdout.write('posting\n');
          return new Promise<number>(() => undefined);
        },
      }
    : real;
await runtime.whenReady();
await runtime.startWorkers(messenger);
process.stdout.write('ready\n');
