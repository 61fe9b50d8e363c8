import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { LANGUAGES } from '../core/language/languages.js';

/** Turns "1, 2,3" into [1, 2, 3]; used for ADMIN_IDS. */
const idList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^-?\d+$/, 'must be a comma-separated list of numeric Telegram user ids')))
  .transform((ids) => ids.map(Number));

const optionalUrl = z.url().optional();

/** A host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** The interface to listen on: an IP address (IPv4 or IPv6) or a host name, without scheme or port. */
const listenHost = z
  .string()
  .refine(
    (value) => isIP(value) !== 0 || HOST_NAME.test(value),
    'must be an IP address such as 127.0.0.1 or 0.0.0.0, or a host name (no scheme, no port)',
  );

export const configSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token (digits, a colon, then 20+ characters)')
      .optional(),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .default('redis://127.0.0.1:6379'),
    KB_PATH: z.string().min(1).default('data/knowledge-base.json'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BOT_FRAMEWORK: z.enum(['grammy', 'telegraf']).default('grammy'),
    BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
    ROLE: z.enum(['all', 'bot', 'worker']).default('all'),
    STAFF_CHAT_ID: z
      .string()
      .regex(/^-?\d+$/, 'must be a numeric chat id such as -1001234567890')
      .transform(Number)
      .optional(),
    ADMIN_IDS: idList.default([]),
    ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** The queue dashboard at /admin/queues: `read` only shows jobs, `write` also retries and removes them. */
    ADMIN_QUEUES: z.enum(['read', 'write']).default('read'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /**
     * The interface HTTP_PORT listens on. All of them by default, which a container needs (its port is published
     * and scraped from outside); 127.0.0.1 keeps /metrics and /readyz to the machine itself.
     */
    HTTP_HOST: listenHost.default('0.0.0.0'),
    WEBHOOK_URL: optionalUrl,
    WEBHOOK_SECRET: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,256}$/,
        'may hold only A-Z, a-z, 0-9, _ and - (1-256 characters), as Telegram requires',
      )
      .optional(),
    FOLLOWUP_REMIND_MINUTES: z.coerce.number().positive().default(30),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.BOT_MODE === 'webhook' && !cfg.WEBHOOK_URL) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'is required when BOT_MODE=webhook' });
    }
    if (cfg.BOT_MODE === 'webhook' && !cfg.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'is required when BOT_MODE=webhook',
      });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** A configuration problem, phrased as one line that names the variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the configuration once. Empty strings count as unset so that a blank line in .env falls back to the
 * default instead of failing. Throws ConfigError naming the first bad variable.
 */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'configuration');
  const shown = cleaned[variable];
  const problem =
    issue.code === 'invalid_value' || issue.code === 'invalid_type'
      ? `${shown === undefined ? 'is missing' : `has an invalid value`}: ${issue.message}`
      : issue.message;
  throw new ConfigError(variable, problem);
}

/** Loads `.env` from the working directory when present; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
