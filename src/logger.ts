import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One logger for the process. Pretty output only on a terminal; JSON lines everywhere else, so that log
 * collectors get structured records. Message text of users is never logged above debug level by callers.
 */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  return pino({
    level,
    base: { service: 'community-desk' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
}
