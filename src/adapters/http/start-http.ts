import type { Logger } from '../../logger.js';
import type { Metrics } from '../../observability/metrics.js';
import { healthRoute } from './routes/health.js';
import { metricsRoute } from './routes/metrics.js';
import { readinessRoute, type ReadinessCheck } from './routes/readiness.js';
import { createHttpServer, type HttpServer } from './server.js';

export interface StartHttpOptions {
  /** HTTP_PORT. */
  port: number;
  log: Logger;
  metrics: Pick<Metrics, 'registry' | 'render'>;
  /** What /readyz checks, e.g. redisCheck(redis), knowledgeBaseCheck(...), notShuttingDownCheck(shutdown). */
  checks: ReadinessCheck[];
  /** HTTP_HOST: the interface to listen on; default all of them, as a container needs. */
  host?: string;
}

/**
 * The process's HTTP side with its standard routes (/healthz, /readyz, /metrics), listening. The webhook and
 * features' routes (POST /admin/reload) are mounted on the returned server afterwards.
 */
export async function startHttp(opts: StartHttpOptions): Promise<HttpServer> {
  const http = createHttpServer({ log: opts.log.child({ component: 'http' }) });
  http.mount(healthRoute());
  http.mount(readinessRoute(opts.checks, { log: opts.log }));
  http.mount(metricsRoute(opts.metrics));
  const port = await http.listen(opts.port, opts.host);
  opts.log.info({ host: opts.host ?? '0.0.0.0', port }, 'HTTP listening: /healthz /readyz /metrics');
  return http;
}
