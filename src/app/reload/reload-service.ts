import type { SwappableKnowledgeStore } from '../../core/knowledge-base/store.js';
import type { Language } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import type { InstanceRegistry, ReloadBus } from './ports.js';
import {
  createReloadCoordinator,
  DEFAULT_REPLY_WAIT_MS,
  type ReloadCoordinator,
} from './reload-coordinator.js';
import { createReloadNode, defaultInstanceId, type ReloadNode } from './reload-node.js';
import { createReloader, type ReloadObserver, type Reloader } from './reloader.js';

export interface ReloadServiceDeps {
  store: SwappableKnowledgeStore;
  kbPath: string;
  defaultLanguage: Language;
  log: Logger;
  /** Redis pub/sub (RedisReloadBus); null runs this instance alone. */
  bus: ReloadBus | null;
  /** Redis registry (RedisInstanceRegistry); null when there is no Redis. */
  registry: InstanceRegistry | null;
  instanceId?: string;
  observer?: ReloadObserver;
  /** How long a reload waits for the other instances' replies. Default 3 s. */
  replyWaitMs?: number;
  heartbeatMs?: number;
}

/** Everything a bot instance needs for reloads, built once in the composition root. */
export interface ReloadService {
  readonly instanceId: string;
  readonly reloader: Reloader;
  readonly node: ReloadNode;
  readonly coordinator: ReloadCoordinator;
  readonly replyWaitMs: number;
  /**
   * Joins the cluster: listens for other instances' reloads and records this one in the registry. Resolves once
   * subscribed (which waits for Redis while it is down); never rejects, so main may start it without awaiting.
   */
  start(): Promise<void>;
  /** Leaves the registry and closes the bus. */
  stop(): Promise<void>;
}

/** Wires the reloader, this instance's node and the coordinator together over the given bus and registry. */
export function createReloadService(deps: ReloadServiceDeps): ReloadService {
  const instanceId = deps.instanceId ?? defaultInstanceId();
  const log = deps.log.child({ instance: instanceId });
  const replyWaitMs = deps.replyWaitMs ?? DEFAULT_REPLY_WAIT_MS;
  const reloader = createReloader({
    store: deps.store,
    kbPath: deps.kbPath,
    defaultLanguage: deps.defaultLanguage,
    log,
    observer: deps.observer,
  });
  const node = createReloadNode({
    instanceId,
    reloader,
    store: deps.store,
    bus: deps.bus,
    registry: deps.registry,
    log,
    heartbeatMs: deps.heartbeatMs,
  });
  const coordinator = createReloadCoordinator({
    node,
    bus: deps.bus,
    registry: deps.registry,
    origin: instanceId,
    kbPath: deps.kbPath,
    log,
    replyWaitMs,
  });
  return {
    instanceId,
    reloader,
    node,
    coordinator,
    replyWaitMs,
    start: () =>
      node
        .start()
        .catch((err: unknown) => log.error({ err }, 'reloads from other instances will not reach this one')),
    async stop() {
      await node.stop();
      await deps.bus?.close();
    },
  };
}
