import type { ReadinessCheck } from '../routes/readiness.js';

/**
 * Not ready once shutdown has begun, so that a load balancer stops sending traffic before the server closes.
 */
export function notShuttingDownCheck(shutdown: { isShuttingDown(): boolean }): ReadinessCheck {
  return {
    name: 'shutting_down',
    async check() {
      if (shutdown.isShuttingDown()) throw new Error('shutdown in progress');
    },
  };
}
