/**
 * A bot under benchmark, run as its own process so that it has its own event loop (the load and the loopback
 * Bot API run in the parent): `desk` is Community Desk's whole webhook stack; `echo` a bare grammY bot that
 * echoes every text through grammY's own node:http webhookCallback. Prints `{"port":N}` when ready, and
 * answers the IPC message "cpu" with its process.cpuUsage(). `stack` is the desk's whole runtime with an echo
 * feature in place of the question path, to tell the runtime's cost from the answering's.
 *
 * BENCH_FRAMEWORK picks the adapter (grammy, the default, or telegraf): the echo bot is then a bare
 * telegraf bot behind telegraf's own webhookCallback, and the desk runs on the telegraf adapter.
 *
 * Environment: BENCH_MODE, BENCH_FRAMEWORK, TELEGRAM_API_ROOT, REDIS_URL (desk), WEBHOOK_SECRET.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Bot, webhookCallback } from 'grammy';
import { pino } from 'pino';
import { Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { createGrammyBot } from '../../src/adapters/grammy/bot.js';
import { createTelegrafBot } from '../../src/adapters/telegraf/bot.js';
import { healthRoute } from '../../src/adapters/http/routes/health.js';
import { metricsRoute } from '../../src/adapters/http/routes/metrics.js';
import { createHttpServer } from '../../src/adapters/http/server.js';
import { connectInBackground, createRedisConnection } from '../../src/adapters/redis/connection.js';
import { createRedisLanguagePreferences } from '../../src/adapters/redis/language-preferences.js';
import { createRedisRateCounter } from '../../src/adapters/redis/rate-limit.js';
import { composeDesk } from '../../src/app/compose-desk.js';
import { createDesk } from '../../src/app/desk.js';
import type { Feature } from '../../src/app/feature.js';
import { escapeHtml } from '../../src/i18n/escape-html.js';
import { createRateLimitGuard, rateLimitDeskGuard } from '../../src/app/rate-limit/rate-limit-guard.js';
import { buildSnapshot } from '../../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile } from '../../src/core/knowledge-base/load.js';
import { createKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { projectRoot } from '../../src/project-root.js';
import { BENCH_BOT, BENCH_TOKEN } from './loopback-bot-api.js';

const env = (name: string): string => process.env[name] ?? '';
const telegraf = env('BENCH_FRAMEWORK') === 'telegraf';

/** The bare echo bot's request handler, with each framework's own webhook handling. */
function echoHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<unknown> {
  if (telegraf) {
    const bot = new Telegraf(BENCH_TOKEN, { telegram: { apiRoot: env('TELEGRAM_API_ROOT') } });
    bot.botInfo = BENCH_BOT;
    bot.on(message('text'), (ctx) => ctx.reply(ctx.message.text));
    return bot.webhookCallback('/telegram/webhook', { secretToken: env('WEBHOOK_SECRET') });
  }
  const bot = new Bot(BENCH_TOKEN, { client: { apiRoot: env('TELEGRAM_API_ROOT') }, botInfo: BENCH_BOT });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  return webhookCallback(bot, 'http', { secretToken: env('WEBHOOK_SECRET') });
}

async function startEcho(): Promise<number> {
  const handle = echoHandler();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Echoes the text, escaped: the desk runtime around it stays whole. */
const echoFeature: Feature = {
  name: 'echo',
  text: async (input) => ({ replies: [{ html: escapeHtml(input.text) }] }),
};

/** What src/main.ts runs in webhook mode, production logging included (info, JSON, to /dev/null). */
async function startDesk(echoOnly: boolean): Promise<number> {
  const logger = pino(
    { level: 'info', base: { service: 'community-desk' } },
    pino.destination({ dest: '/dev/null', sync: false }),
  );
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
  if (!loaded.ok) throw new Error('shipped knowledge base invalid');
  const store = createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage: 'en' }));
  const redis = createRedisConnection(env('REDIS_URL'), { logger, name: 'desk-bench' });
  connectInBackground(redis);
  await new Promise((resolve) => redis.once('ready', resolve));
  const prefix = `bench:${process.pid}`;
  const metrics = createMetrics();
  const common = {
    store,
    translate: createTranslator(),
    preferences: createRedisLanguagePreferences({ redis, prefix, log: logger }),
    defaultLanguage: 'en' as const,
    logger,
    guards: [
      rateLimitDeskGuard(
        createRateLimitGuard({
          counter: createRedisRateCounter({ redis, prefix: `${prefix}:rate` }),
          limit: 20,
          log: logger,
          onDecision: metrics.rateLimitDecision,
        }),
      ),
    ],
  };
  const desk = echoOnly
    ? createDesk({ ...common, features: [echoFeature] })
    : composeDesk({ ...common, observer: metrics });
  const http = createHttpServer({ log: logger });
  http.mount(healthRoute());
  http.mount(metricsRoute(metrics));
  const port = await http.listen(0, '127.0.0.1');
  const options = {
    token: BENCH_TOKEN,
    apiRoot: env('TELEGRAM_API_ROOT'),
    desk,
    logger,
    metrics,
    botInfo: BENCH_BOT,
    // Telegram's overall 30 messages/s would cap any run at 30 updates/s; the per-chat limits stay on.
    apiPolicy: { retry: false, pacing: { globalPerSecond: Infinity } },
  };
  const bot = telegraf ? createTelegrafBot(options) : createGrammyBot(options);
  const intake = bot.startWebhook({
    http,
    redis,
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    secret: env('WEBHOOK_SECRET'),
    metrics,
    log: logger,
    keyPrefix: prefix,
  });
  await intake.started;
  return port;
}

process.on('message', (m) => {
  if (m === 'cpu') process.send?.(process.cpuUsage());
  if (m === 'exit') process.exit(0);
});
// The benchmark that forked this process is gone (it crashed, say): a bot left behind would load the machine.
process.on('disconnect', () => process.exit(0));
const mode = env('BENCH_MODE');
const port = await (mode === 'echo' ? startEcho() : startDesk(mode === 'stack'));
console.log(JSON.stringify({ port }));
