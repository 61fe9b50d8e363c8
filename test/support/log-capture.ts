import { createLogger, type Logger } from '../../src/logger.js';

export type LogRecord = Record<string, unknown>;

export interface LogCapture {
  /** The production logger (its error serializers and redaction), at debug level so that tests see every line. */
  readonly logger: Logger;
  /** Every line as the logger wrote it (JSON text, without its newline), debug level and up. */
  readonly lines: string[];
  /** The same lines, parsed. */
  readonly logs: LogRecord[];
  /** Resolves with the first record matching `predicate`; rejects after `timeoutMs` listing every line. */
  waitForLog(predicate: (record: LogRecord) => boolean, timeoutMs?: number): Promise<LogRecord>;
}

/**
 * A logger whose lines stay in memory. It is given no token to scrub, so that a test of the logs sees what
 * the serializers and the redaction alone let through.
 */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  const logs: LogRecord[] = [];
  const listeners = new Set<() => void>();
  // pino writes one whole line per call.
  const logger = createLogger('debug', {
    destination: {
      write: (line: string) => {
        lines.push(line.trimEnd());
        logs.push(JSON.parse(line) as LogRecord);
        for (const listener of listeners) listener();
      },
    },
  });
  const waitForLog: LogCapture['waitForLog'] = (predicate, timeoutMs = 8_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = logs.find(predicate);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching log line within ${timeoutMs} ms:\n${lines.join('\n')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { logger, lines, logs, waitForLog };
}
