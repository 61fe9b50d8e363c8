import { knowledgeBaseCheck } from './adapters/http/checks/knowledge-base-check.js';
import { notShuttingDownCheck } from './adapters/http/checks/process-check.js';
import { redisCheck } from './adapters/http/checks/redis-check.js';
import { startHttp } from './adapters/http/start-http.js';
import { connectInBackground, createRedisConnection } from './adapters/redis/connection.js';
import { createRedisAnswerMemory } from './adapters/redis/answer-memory.js';
import { RedisDeskStats } from './adapters/redis/desk-stats-store.js';
import { RedisGapStore } from './adapters/redis/gap-store.js';
import { createTranslator } from './i18n/translator.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './observability/metrics.js';
import { closeRedis } from './runtime/close-redis.js';
import { createShutdown, type Shutdown } from './runtime/shutdown.js';
import type { UpdateIntake } from './runtime/update-intake.js';
import { wireAdmin } from './wiring/admin.js';
import { wireDesk } from './wiring/desk.js';
import { wireFollowUps } from './wiring/follow-ups.js';
import { loadKnowledgeStore } from './wiring/knowledge.js';
import { wireQueueDashboard } from './wiring/queue-dashboard.js';
import { readConfig, StartupError, type RunConfig } from './wiring/read-config.js';
import { createTransport, createWorkerMessenger } from './wiring/transport.js';

/** Keys of this deployment in Redis start with this. */
const REDIS_PREFIX = 'desk';

/**
 * The composition root. ROLE=all runs the bot and the follow-up worker in this process; ROLE=bot only takes
 * updates; ROLE=worker only works the follow-up queue. Every role serves /healthz, /readyz and /metrics.
 * Closers run in registration order on SIGTERM/SIGINT: stop taking updates first, Redis last.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL, { token: config.TELEGRAM_BOT_TOKEN });
  const runsBot = config.ROLE !== 'worker';
  if (config.ROLE === 'worker' && config.STAFF_CHAT_ID === undefined) {
    throw new StartupError(['STAFF_CHAT_ID is required when ROLE=worker: the worker posts tickets there'], 2);
  }
  const store = runsBot ? await loadKnowledgeStore(config) : null;
  if (store)
    logger.info(
      { kb: store.current().version, entries: store.current().kb.entries.length },
      'knowledge base loaded',
    );

  const metrics = createMetrics();
  const shutdown = createShutdown({ log: logger });
  const redis = createRedisConnection(config.REDIS_URL, { logger, name: `desk-${config.ROLE}` });
  connectInBackground(redis);
  const http = await startHttp({
    port: config.HTTP_PORT,
    host: config.HTTP_HOST,
    log: logger,
    metrics,
    checks: [
      redisCheck(redis),
      ...(store ? [knowledgeBaseCheck(() => store.current())] : []),
      notShuttingDownCheck(shutdown),
    ],
  });
  const translate = createTranslator();
  const gaps = new RedisGapStore({ redis, prefix: REDIS_PREFIX });
  const answers = createRedisAnswerMemory({ redis, prefix: REDIS_PREFIX, log: logger });
  const stats = new RedisDeskStats({ redis, prefix: REDIS_PREFIX });
  const followUps = wireFollowUps(config, { translate, logger, metrics, gaps, stats });
  wireQueueDashboard(config, { followUps, http, translate, logger });

  if (store) {
    const admin = wireAdmin(config, {
      store,
      redis,
      gaps,
      answers,
      stats,
      prefix: REDIS_PREFIX,
      logger,
      metrics,
      http,
    });
    void admin.reload.start();
    const { desk, admission } = wireDesk(config, {
      store,
      translate,
      redis,
      prefix: REDIS_PREFIX,
      logger,
      metrics,
      // Admin first: a document captioned /reload (or an admin's knowledge-base file) is never a ticket's.
      extraFeatures: [...admin.features, ...(followUps?.features ?? [])],
      offerFollowUp: followUps?.offerFollowUp,
      gaps,
      answers,
      stats,
    });
    const transport = createTransport(config, { desk, admission, logger, metrics, http, redis });
    const intake = transport.startIntake();
    watchIntake(intake, {
      logger,
      shutdown,
      onStarted: () => transport.announceCommands(config.DEFAULT_LANGUAGE),
    });
    shutdown.register('stop taking updates', () => intake.stop());
    shutdown.register('leave reload cluster', () => admin.reload.stop());
  }
  if (followUps && config.ROLE !== 'bot') {
    await followUps.startWorkers(createWorkerMessenger(config, { logger, metrics }));
    logger.info('follow-up worker running');
  }
  if (followUps) shutdown.register('close follow-ups', () => followUps.close());
  shutdown.register('close http', () => http.close(2_000));
  shutdown.register('close redis', () => closeRedis(redis));
  shutdown.installSignalHandlers();
  logStarted(config, logger);
}

function watchIntake(
  intake: UpdateIntake,
  deps: { logger: Logger; shutdown: Shutdown; onStarted: () => Promise<void> },
): void {
  // The "/" menu is a convenience: registered once updates flow, its failure only logged.
  intake.started.then(deps.onStarted, () => undefined);
  intake.finished.catch((err: unknown) => {
    // 401 (bad token) or 409 (another instance polls): nothing to retry, so leave loudly.
    deps.logger.fatal({ err }, 'taking updates ended with an error');
    void deps.shutdown.run('fatal').finally(() => process.exit(1));
  });
}

function logStarted(config: RunConfig, logger: Logger): void {
  logger.info(
    {
      role: config.ROLE,
      framework: config.BOT_FRAMEWORK,
      mode: config.BOT_MODE,
      port: config.HTTP_PORT,
    },
    'community desk started',
  );
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    for (const line of error.lines) console.error(line);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(1);
});
