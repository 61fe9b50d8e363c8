import { RedisGapStore } from '../../src/adapters/redis/gap-store.js';
import { RedisInstanceRegistry } from '../../src/adapters/redis/instance-registry.js';
import { RedisReloadBus } from '../../src/adapters/redis/reload-bus.js';
import { createAdminFeature } from '../../src/app/features/admin.js';
import { createGapsFeature } from '../../src/app/features/gaps.js';
import { createBotApiDocumentFetcher } from '../../src/app/reload/document-fetcher.js';
import { createReloadService, type ReloadService } from '../../src/app/reload/reload-service.js';
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
  /** The reload side of the bot's current start (rebuilt on restart). */
  service(): ReloadService;
  gaps(): RedisGapStore;
  stop(): Promise<void>;
}

/**
 * The real bot with the admin and gap features wired the way main.ts wires them: reload service over Redis
 * pub/sub and the instance registry, gap counting on every miss. Instances that share `prefix` form a cluster.
 * `framework` picks the adapter (default grammy).
 */
export async function startAdminBot(opts: {
  framework?: BotFramework;
  kbPath: string;
  prefix?: string;
  instanceId: string;
  fake?: FakeBotApi;
}): Promise<AdminBot> {
  let service: ReloadService | undefined;
  let gaps: RedisGapStore | undefined;
  let started: Promise<void> = Promise.resolve();

  const wire = (deps: HarnessDeps) => {
    gaps = new RedisGapStore({ redis: deps.redis, prefix: deps.prefix });
    service = createReloadService({
      store: deps.store,
      kbPath: opts.kbPath,
      defaultLanguage: 'en',
      log: deps.logger,
      bus: new RedisReloadBus({ redis: deps.redis, prefix: deps.prefix, log: deps.logger }),
      registry: new RedisInstanceRegistry({ redis: deps.redis, prefix: deps.prefix }),
      instanceId: opts.instanceId,
      replyWaitMs: 3_000,
    });
    started = service.start();
    return [
      createAdminFeature({
        adminIds: [ADMIN_ID],
        coordinator: service.coordinator,
        registry: new RedisInstanceRegistry({ redis: deps.redis, prefix: deps.prefix }),
        self: { instanceId: service.instanceId, loadedAt: service.reloader.loadedAt },
        fetchDocument: createBotApiDocumentFetcher({ token: deps.fake.token, apiRoot: deps.fake.apiRoot }),
        replyWaitMs: service.replyWaitMs,
      }),
      createGapsFeature({ adminIds: [ADMIN_ID], staffChatId: STAFF_CHAT_ID, gaps, staffAnswers: gaps }),
    ];
  };

  const h = await startBotHarness({
    framework: opts.framework,
    kbPath: opts.kbPath,
    prefix: opts.prefix ?? uniquePrefix('admin'),
    ...(opts.fake ? { fake: opts.fake } : {}),
    extraFeatures: wire,
    // Called right after extraFeatures on each start, so `gaps` is that start's store.
    gaps: () => gaps!,
  });
  await started;
  return {
    h,
    service: () => service!,
    gaps: () => gaps!,
    async stop() {
      await service?.stop();
      await h.stop();
    },
  };
}
