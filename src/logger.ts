import { pino, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino';
import { serializeError } from './logging/error-serializer.js';
import { lineScrubber } from './logging/scrub.js';

export type { Logger };

export interface LoggerOptions {
  /**
   * TELEGRAM_BOT_TOKEN: taken out of every line as a last defence, wherever it would stand (a substring test
   * per line, about 0.3 µs, next to an update's milliseconds).
   */
  token?: string;
  /** Where lines go (tests capture them); default stdout, pretty on a terminal. */
  destination?: DestinationStream;
}

/**
 * Fields that hold a framework's context, a request's payload, an update or a token: removed from any line, so
 * that a careless `log.error({ ctx })` cannot write a token or user text. Top level only: wildcard paths cost
 * microseconds a line, and nested objects reach the logs as errors, which serializeError already filters.
 */
const REDACTED_PATHS = ['ctx', 'update', 'payload', 'token'];

/**
 * One logger for the process. Pretty output only on a terminal; JSON lines everywhere else, so that log
 * collectors get structured records. Errors are logged through serializeError (class, message, codes, the
 * Bot API method and Telegram's answer; never a payload, context, update or token), so call sites log
 * `{ err }` as it is. Message text of users is never logged above debug level by callers.
 */
export function createLogger(level: string, opts: LoggerOptions = {}): Logger {
  const pretty = !opts.destination && process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  const options: PinoOptions = {
    level,
    base: { service: 'community-desk' },
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACTED_PATHS, remove: true },
    ...(opts.token ? { hooks: { streamWrite: lineScrubber(opts.token) } } : {}),
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
