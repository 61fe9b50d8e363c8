import type { InstanceReloadReply, InstanceStatus, ReloadRequest } from './reload-types.js';

/**
 * How reload requests reach every instance (Redis pub/sub in src/adapters/redis/reload-bus.ts). Requests are
 * ordered by a shared sequence; uploaded content is shared by its SHA-256 so that each instance can fetch it.
 */
export interface ReloadBus {
  /** The next number of the cluster-wide request sequence. */
  nextSequence(): Promise<number>;
  /** Keeps content where every instance can fetch it for a while; returns its reference. */
  shareContent(text: string): Promise<{ sha256: string; bytes: number }>;
  /** Content shared earlier, or null when it is gone (expired). */
  fetchContent(sha256: string): Promise<string | null>;
  /**
   * Publishes a request and gathers the other instances' replies, until every instance that received it has
   * replied or `timeoutMs` passed. Resolves with the replies gathered, in arrival order.
   */
  broadcast(request: ReloadRequest, options: { timeoutMs: number }): Promise<InstanceReloadReply[]>;
  /**
   * Hands requests of other instances to `handler`, one at a time, and publishes its replies. Requests whose
   * origin is `ownId` are skipped. Resolves once subscribed.
   */
  listen(ownId: string, handler: (request: ReloadRequest) => Promise<InstanceReloadReply>): Promise<void>;
  /** The newest request published, for an instance that was cut off and may have missed it. */
  latest(): Promise<ReloadRequest | null>;
  /** Called after the bus's connection came back from an outage (requests sent meanwhile were missed). */
  onReconnect(callback: () => void): void;
  close(): Promise<void>;
}

/** Where instances record what they serve (Redis keys with a TTL in src/adapters/redis/instance-registry.ts). */
export interface InstanceRegistry {
  /** Records (or refreshes) an instance's status; it disappears when not refreshed within the TTL. */
  announce(status: InstanceStatus): Promise<void>;
  /** Instances seen within the TTL, by id. */
  list(): Promise<InstanceStatus[]>;
  /** Removes an instance at shutdown, so that it is not waited for. */
  withdraw(id: string): Promise<void>;
}
