import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { connectInBackground, createRedisConnection } from '../../src/adapters/redis/connection.js';
import { createRedisLanguagePreferences } from '../../src/adapters/redis/language-preferences.js';
import { composeDesk } from '../../src/app/compose-desk.js';
import type { Desk } from '../../src/app/desk.js';
import { buildSnapshot } from '../../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile } from '../../src/core/knowledge-base/load.js';
import { createKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { projectRoot } from '../../src/project-root.js';
import { closeRedis } from '../../src/runtime/close-redis.js';
import type { UpdateIntake } from '../../src/runtime/update-intake.js';
import { composeFollowUps, type FollowUps } from '../../src/wiring/follow-ups.js';
import { createTransport } from '../../src/wiring/transport.js';
import { FAST } from '../adapters/queue/follow-up-tuning.js';
import type { BotFramework } from './bot-starters.js';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

export type IntakeMode = 'polling' | 'webhook';

export interface TransportBot {
  readonly fake: FakeBotApi;
  /** Every line the process's logger wrote, as written (JSON text), at LOG_LEVEL=info. */
  readonly lines: string[];
  /** Resolves with the first record matching `predicate`; rejects after `timeoutMs` listing what was logged. */
  waitForLog(predicate: (record: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface TransportBotOptions {
  framework: BotFramework;
  mode: IntakeMode;
  /** Wraps the desk, e.g. to play a bug that escapes its error boundary. */
  wrapDesk?: (desk: Desk) => Desk;
}

const STAFF_CHAT_ID = -1001999000111;

/** A fake Bot API under a token of its own: webhook dedupe marks are kept per bot id in the shared Redis. */
function fakeWithOwnToken(): Promise<FakeBotApi> {
  const token = `${randomInt(100_000_000, 999_999_999)}:AAHtestTOKENthatMustNeverBeLogged_x7Qz`;
  return startFakeBotApi({ token });
}

/** Lines as written, through the production logger; without the token, so that serializers alone are tested. */
function captureLines() {
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      for (const listener of listeners) listener();
      done();
    },
  });
  const logger = createLogger('info', { destination });
  const waitForLog: TransportBot['waitForLog'] = (predicate, timeoutMs = 8_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!lines.some((line) => predicate(JSON.parse(line) as Record<string, unknown>))) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching log line within ${timeoutMs} ms:\n${lines.join('\n')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { logger, lines, waitForLog };
}

/** The desk main.ts builds (shipped knowledge base, Redis preferences, follow-ups on Redis, no workers). */
async function buildDesk(redis: Redis, logger: Logger, prefix: string) {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
  if (!loaded.ok) throw new Error('the shipped knowledge base is invalid');
  const translate = createTranslator();
  const runtime: FollowUps = composeFollowUps({
    redisUrl: testRedisUrl(),
    staffChatId: STAFF_CHAT_ID,
    staffLanguage: 'en',
    remindAfterMinutes: 30,
    translate,
    log: logger,
    namespace: `${prefix}:`,
    tuning: FAST,
  });
  await runtime.whenReady();
  const desk = composeDesk({
    store: createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage: 'en' })),
    translate,
    preferences: createRedisLanguagePreferences({ redis, prefix, log: logger }),
    defaultLanguage: 'en',
    logger,
    extraFeatures: runtime.features,
    offerFollowUp: runtime.offerFollowUp,
  });
  return { desk, runtime };
}

/**
 * The bot as main.ts wires it for Telegram (wiring's createTransport: the framework's bot with its outgoing-call
 * policy, the runner or the telegraf polling loop, or the webhook route on a real HTTP server; the desk with follow-ups on
 * Redis), logging through the production logger at LOG_LEVEL=info into memory, against a fresh fake Bot API.
 */
export async function startTransportBot(opts: TransportBotOptions): Promise<TransportBot> {
  const fake = await fakeWithOwnToken();
  const { logger, lines, waitForLog } = captureLines();
  const redis: Redis = createRedisConnection(testRedisUrl(), { logger, name: 'transport-bot' });
  connectInBackground(redis);
  const prefix = uniquePrefix('transport');
  const { desk, runtime } = await buildDesk(redis, logger, prefix);
  const http: HttpServer = createHttpServer({ log: logger });
  const port = await http.listen(0, '127.0.0.1');
  const config = {
    BOT_FRAMEWORK: opts.framework,
    BOT_MODE: opts.mode,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
    WEBHOOK_SECRET: 'transport_bot_secret',
  };
  const intake: UpdateIntake = createTransport(config, {
    desk: opts.wrapDesk ? opts.wrapDesk(desk) : desk,
    logger,
    metrics: createMetrics({ defaultMetrics: false }),
    http,
    redis,
  }).startIntake();
  await intake.started;

  return {
    fake,
    lines,
    waitForLog,
    async stop() {
      await intake.stop();
      await http.close(100);
      await runtime.queues.staff.obliterate({ force: true }).catch(() => undefined);
      await runtime.close();
      // The follow-ups' keys and queues, and the webhook's update_id marks (kept per bot id).
      for (const pattern of [`*${prefix}*`, `desk:webhook:${fake.botUser.id}:*`]) {
        const keys = await redis.keys(pattern).catch(() => [] as string[]);
        if (keys.length > 0) await redis.del(...keys);
      }
      await closeRedis(redis);
      await fake.close();
    },
  };
}
