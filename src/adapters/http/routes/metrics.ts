import type { Metrics } from '../../../observability/metrics.js';
import type { Route } from '../types.js';

/** GET /metrics: every desk metric in Prometheus text format. */
export function metricsRoute(metrics: Pick<Metrics, 'registry' | 'render'>): Route {
  return {
    method: 'GET',
    path: '/metrics',
    handle: async () => ({
      status: 200,
      body: await metrics.render(),
      headers: { 'content-type': metrics.registry.contentType },
    }),
  };
}
