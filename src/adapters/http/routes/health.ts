import type { Route } from '../types.js';

/**
 * GET /healthz: the process is alive and its event loop turns. Deliberately checks no dependency, so that an
 * orchestrator restarts the container only when restarting can help (Redis being down is /readyz's business).
 */
export function healthRoute(): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handle: async () => ({ status: 200, body: { status: 'ok' } }),
  };
}
