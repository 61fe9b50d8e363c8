import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './observability/metrics.js';
import { createShutdown } from './runtime/shutdown.js';
import { readConfig, StartupError, type RunConfig } from './wiring/read-config.js';
import { startDesk } from './wiring/start-desk.js';

/**
 * The entry point of `npm start`: the configuration from the environment, the desk started as ROLE says (see
 * startDesk), and the process's end. Closers run in registration order on SIGTERM/SIGINT: stop taking updates
 * first, Redis last.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL, { token: config.TELEGRAM_BOT_TOKEN });
  const shutdown = createShutdown({ log: logger });
  await startDesk(config, {
    logger,
    metrics: createMetrics(),
    shutdown,
    onIntakeFailed: (err) => {
      // Nothing to retry (a bad token, another instance polling), so leave loudly.
      logger.fatal({ err }, 'taking updates ended with an error');
      void shutdown.run('fatal').finally(() => process.exit(1));
    },
  });
  shutdown.installSignalHandlers();
  logStarted(config, logger);
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
