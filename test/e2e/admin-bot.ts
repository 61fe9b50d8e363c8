import { RedisDeskStats } from '../../src/adapters/redis/desk-stats-store.js';
import { RedisGapStore } from '../../src/adapters/redis/gap-store.js';
import { ReloadBus } from '../../src/adapters/redis/reload-bus.js';
import { readKnowledgeBaseWorkbook } from '../../src/adapters/xlsx/read-knowledge-base.js';
import { gapDraftsWorkbook } from '../../src/adapters/xlsx/write-gap-drafts.js';
import { createAdminFeature } from '../../src/app/features/admin.js';
import { createGapsFeature } from '../../src/app/features/gaps.js';
import { createStatsFeature } from '../../src/app/features/stats.js';
import { botApiDocumentFetcher } from '../../src/app/reload/document-fetcher.js';
import { createReloader } from '../../src/app/reload/reloader.js';
import {
  startBotHarness,
  type BotFramework,
  type BotHarness,
  type HarnessDeps,
} from '../support/bot-harness.js';
import type { FakeBotApi } from '../support/fake-bot-api.js';
import { uniquePrefix } from '../support/redis.js';

export const ADMIN_ID = 777_001;
export const STAFF_CHAT_ID = -100_555;

export interface AdminBot {
  h: BotHarness;
  /** The reload bus of the bot's current start (rebuilt on restart). */
  bus(): ReloadBus;
  gaps(): RedisGapStore;
  /** The daily numbers of /stats, counted by the desk's question and feedback features. */
  stats(): RedisDeskStats;
  stop(): Promise<void>;
}

/**
 * The real bot with the admin, gap and stats features wired the way main.ts wires them: reload bus over Redis
 * pub/sub and the instance registry, gap counting on every miss, daily numbers on every question. Instances that share `prefix` form a cluster.
 * `framework` picks the adapter (default grammy).
 */
export async function startAdminBot(opts: {
  framework?: BotFramework;
  kbPath: string;
  prefix?: string;
  instanceId: string;
  fake?: FakeBotApi;
}): Promise<AdminBot> {
  let bus: ReloadBus | undefined;
  let gaps: RedisGapStore | undefined;
  let stats: RedisDeskStats | undefined;
  let started: Promise<void> = Promise.resolve();

  const wire = (deps: HarnessDeps) => {
    gaps = new RedisGapStore({ redis: deps.redis, prefix: deps.prefix });
    stats = new RedisDeskStats({ redis: deps.redis, prefix: deps.prefix });
    const reloader = createReloader({
      store: deps.store,
      kbPath: opts.kbPath,
      defaultLanguage: 'en',
      log: deps.logger,
    });
    const current = new ReloadBus({
      redis: deps.redis,
      prefix: deps.prefix,
      log: deps.logger,
      id: opts.instanceId,
      reloader,
    });
    bus = current;
    started = current.start();
    return [
      createAdminFeature({
        adminIds: [ADMIN_ID],
        reloadEverywhere: (source, requestedBy) => current.reloadEverywhere(source, requestedBy),
        instances: () => current.instances(),
        self: { instanceId: current.id, loadedAt: () => reloader.serving().loadedAt },
        fetchDocument: botApiDocumentFetcher({ token: deps.fake.token, apiRoot: deps.fake.apiRoot }),
        readWorkbook: readKnowledgeBaseWorkbook,
        replyWaitMs: current.replyWaitMs,
      }),
      createGapsFeature({
        adminIds: [ADMIN_ID],
        staffChatId: STAFF_CHAT_ID,
        gaps,
        staffAnswers: gaps,
        draftsWorkbook: gapDraftsWorkbook,
        feedback: deps.answers,
      }),
      createStatsFeature({ adminIds: [ADMIN_ID], staffChatId: STAFF_CHAT_ID, stats }),
    ];
  };

  const h = await startBotHarness({
    framework: opts.framework,
    kbPath: opts.kbPath,
    prefix: opts.prefix ?? uniquePrefix('admin'),
    ...(opts.fake ? { fake: opts.fake } : {}),
    extraFeatures: wire,
    // Called right after extraFeatures on each start, so `gaps` and `stats` are that start's stores.
    gaps: () => gaps!,
    stats: () => stats!,
  });
  await started;
  return {
    h,
    bus: () => bus!,
    gaps: () => gaps!,
    stats: () => stats!,
    async stop() {
      await bus?.stop();
      await h.stop();
    },
  };
}
