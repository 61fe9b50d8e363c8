import { QUEUE_DASHBOARD_PATH, queueDashboardRoute } from '../adapters/http/queue-dashboard-route.js';
import type { HttpServer } from '../adapters/http/server.js';
import type { Config } from '../config/env.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { FollowUps } from './follow-ups.js';

/**
 * The BullMQ dashboard over the follow-up queues, on the HTTP port. It exists only with ADMIN_TOKEN to guard it
 * and follow-ups to show.
 */
export function wireQueueDashboard(
  config: Pick<Config, 'ADMIN_TOKEN' | 'ADMIN_QUEUES' | 'DEFAULT_LANGUAGE'>,
  deps: { followUps: FollowUps | null; http: HttpServer; translate: Translate; logger: Logger },
): void {
  const { followUps, logger } = deps;
  if (!followUps) return;
  const route = queueDashboardRoute({
    token: config.ADMIN_TOKEN,
    queues: [followUps.queues.staff, followUps.queues.user],
    access: config.ADMIN_QUEUES,
    lang: config.DEFAULT_LANGUAGE,
    translate: deps.translate,
    log: logger.child({ component: 'queue-dashboard' }),
  });
  if (!route) return;
  deps.http.mountPrefix(route);
  logger.info(
    { path: QUEUE_DASHBOARD_PATH, access: config.ADMIN_QUEUES },
    'queue dashboard on the HTTP port',
  );
}
