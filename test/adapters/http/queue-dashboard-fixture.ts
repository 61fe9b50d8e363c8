import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { openFollowUpQueues, type FollowUpQueues } from '../../../src/adapters/queue/bullmq-dispatcher.js';
import type { QueueAccess } from '../../../src/adapters/queue/bull-board-app.js';
import { queueNaming } from '../../../src/adapters/queue/queue-config.js';
import { queueDashboardRoute } from '../../../src/adapters/http/queue-dashboard-route.js';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { testRedisUrl, uniquePrefix } from '../../support/redis.js';

export const ADMIN_TOKEN = 'dashboard-test-token-0123456789';
/** What the failed job's worker threw: the dashboard shows it as the job's failure. */
export const FAILURE = 'ticket 41: missing right after answer';

export interface DashboardFixture {
  base: string;
  queues: FollowUpQueues;
  /** The desk's queue names in this test's namespace. */
  names: { staff: string; user: string };
  /** The id of a relay job that failed for good. */
  failedJobId: string;
  close(): Promise<void>;
}

/**
 * The desk's two follow-up queues on the test Redis (their own namespace), holding a relay job that failed for
 * good, and the HTTP server with the queue dashboard over them.
 */
export async function startDashboard(
  access: QueueAccess,
  log: Logger = pino({ level: 'silent' }),
): Promise<DashboardFixture> {
  const naming = queueNaming(`${uniquePrefix('board')}:`);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const queues = openFollowUpQueues(redis, naming, log);
  const failedJobId = await failForGood(queues, naming, redis);

  const route = queueDashboardRoute({
    token: ADMIN_TOKEN,
    queues: [queues.staff, queues.user],
    access,
    lang: 'en',
    translate: createTranslator(),
    log,
  });
  const http: HttpServer = createHttpServer({ log });
  http.mountPrefix(route!);
  const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  return {
    base,
    queues,
    names: naming.names,
    failedJobId,
    async close() {
      await http.close(100);
      for (const queue of [queues.staff, queues.user]) await queue.obliterate({ force: true });
      await Promise.all([queues.staff.close(), queues.user.close()]);
      await redis.quit();
    },
  };
}

/** A relay whose worker throws UnrecoverableError: BullMQ fails it at once, whatever attempts are left. */
async function failForGood(
  queues: FollowUpQueues,
  naming: ReturnType<typeof queueNaming>,
  redis: Redis,
): Promise<string> {
  const connection = redis.duplicate();
  const worker = new Worker(
    naming.names.user,
    async () => {
      throw new UnrecoverableError(FAILURE);
    },
    { connection, prefix: naming.prefix },
  );
  const failed = new Promise<void>((resolve) => worker.once('failed', () => resolve()));
  const job = await queues.user.add('closed', { name: 'closed', ticket: 41 }, { attempts: 12 });
  await failed;
  await worker.close();
  await connection.quit();
  return job.id!;
}
