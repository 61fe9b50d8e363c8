import type { Logger } from '../../../logger.js';
import { withTimeout } from '../../../with-timeout.js';
import type { Route } from '../types.js';

/** One thing the desk needs before it can serve; `check` throws (or times out) when it is not there. */
export interface ReadinessCheck {
  /** Short and stable: it is what clients see in a 503 (`redis`, `knowledge_base`). */
  name: string;
  check(): Promise<void>;
}

/**
 * GET /readyz: 200 when every check passes, else 503 naming the failing checks, e.g.
 * `{"status":"not_ready","failing":["redis"]}`. Why a check failed is logged (at each change of state, so
 * that a probe every few seconds does not flood the log), never sent. Checks run in parallel, each within
 * `timeoutMs`.
 */
export function readinessRoute(checks: ReadinessCheck[], deps: { log: Logger; timeoutMs?: number }): Route {
  const timeoutMs = deps.timeoutMs ?? 1_000;
  let lastFailing = '';
  return {
    method: 'GET',
    path: '/readyz',
    async handle() {
      const results = await Promise.allSettled(checks.map((c) => withTimeout(c.check(), timeoutMs, c.name)));
      const failing = checks.filter((_, i) => results[i]!.status === 'rejected').map((c) => c.name);
      const key = failing.join(',');
      if (key !== lastFailing) {
        const reasons = Object.fromEntries(
          results.flatMap((r, i) => (r.status === 'rejected' ? [[checks[i]!.name, String(r.reason)]] : [])),
        );
        if (failing.length > 0) deps.log.warn({ failing, reasons }, 'not ready');
        else deps.log.info('ready again');
        lastFailing = key;
      }
      if (failing.length > 0) return { status: 503, body: { status: 'not_ready', failing } };
      return { status: 200, body: { status: 'ready' } };
    },
  };
}
