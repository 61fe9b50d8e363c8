import { ConfigError, loadDotEnv, parseConfig, type Config } from '../config/env.js';

const NO_TOKEN_HINT =
  'TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram (https://t.me/BotFather, /newbot) and put its token in .env; to try the answers without Telegram, run: npm run ask -- "What is the 1+30+N system?"';

/** A start-up failure with the lines to print and the exit code: 2 for configuration, 1 for the rest. */
export class StartupError extends Error {
  readonly code = 'STARTUP_FAILED';
  constructor(
    readonly lines: string[],
    readonly exitCode: number,
  ) {
    super(lines.join('\n'));
    this.name = 'StartupError';
  }
}

export type RunConfig = Config & { TELEGRAM_BOT_TOKEN: string };

/** Reads .env and the environment once; a bad or missing variable becomes one line and exit code 2. */
export function readConfig(): RunConfig {
  loadDotEnv();
  return runConfigFrom(process.env);
}

/**
 * The configuration of a running bot from these variables (the environment, or a test's): validated, with a
 * bot token. A bad or missing variable becomes a StartupError of one line and exit code 2.
 */
export function runConfigFrom(env: NodeJS.ProcessEnv): RunConfig {
  try {
    const config = parseConfig(env);
    if (!config.TELEGRAM_BOT_TOKEN) throw new StartupError([NO_TOKEN_HINT], 2);
    return { ...config, TELEGRAM_BOT_TOKEN: config.TELEGRAM_BOT_TOKEN };
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError([error.message], 2);
    throw error;
  }
}
