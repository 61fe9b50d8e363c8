import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ReloadBus } from '../../app/reload/ports.js';
import type { InstanceReloadReply, ReloadRequest } from '../../app/reload/reload-types.js';
import type { Logger } from '../../logger.js';

export interface RedisReloadBusOptions {
  /** For ordinary commands (INCR, SET, GET, PUBLISH). A second connection is made from it for pub/sub. */
  redis: Redis;
  /** Keys and channels start with `<prefix>:{kb}:`. Default `desk`. */
  prefix?: string;
  /** How long uploaded content stays fetchable by the other instances. Default 1 hour. */
  contentTtlSeconds?: number;
  log: Logger;
}

type Collector = { replies: InstanceReloadReply[]; expected: number; done: () => void };

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * ReloadBus over Redis pub/sub: requests on `<base>reload`, replies on `<base>reload:replies`, the sequence in
 * `<base>reload:seq`, the newest request in `<base>reload:last` (for instances that were cut off), shared content
 * in `<base>reload:content:<sha256>` with a TTL. PUBLISH says how many instances received a request, which is how
 * many replies to wait for.
 */
export class RedisReloadBus implements ReloadBus {
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly base: string;
  private readonly contentTtl: number;
  private readonly log: Logger;
  private readonly collectors = new Map<string, Collector>();
  private readonly reconnectCallbacks: (() => void)[] = [];
  private repliesSubscribed: Promise<unknown> | undefined;
  private listening = false;
  private handling: Promise<void> = Promise.resolve();
  private handler: ((request: ReloadRequest) => Promise<InstanceReloadReply>) | undefined;
  private ownId = '';
  private wasReady = false;
  private outage = false;

  constructor(options: RedisReloadBusOptions) {
    this.redis = options.redis;
    this.base = `${options.prefix ?? 'desk'}:{kb}:`;
    this.contentTtl = options.contentTtlSeconds ?? 3600;
    this.log = options.log;
    // Subscribing must wait for the connection rather than fail, and ioredis re-subscribes after a reconnect.
    this.subscriber = options.redis.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      autoResubscribe: true,
      // A subscriber sends a command now and then; batching is for the command connection's traffic.
      enableAutoPipelining: false,
      connectionName: `${options.redis.options.connectionName ?? 'desk'}-reload-bus`,
    });
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('close', () => (this.outage = this.wasReady));
    this.subscriber.on('ready', () => {
      if (this.wasReady && this.outage) for (const callback of this.reconnectCallbacks) callback();
      this.wasReady = true;
      this.outage = false;
    });
  }

  private get requestsChannel(): string {
    return `${this.base}reload`;
  }

  private get repliesChannel(): string {
    return `${this.base}reload:replies`;
  }

  async nextSequence(): Promise<number> {
    return this.redis.incr(`${this.base}reload:seq`);
  }

  async shareContent(text: string): Promise<{ sha256: string; bytes: number }> {
    const digest = sha256(text);
    await this.redis.set(`${this.base}reload:content:${digest}`, text, 'EX', this.contentTtl);
    return { sha256: digest, bytes: Buffer.byteLength(text, 'utf8') };
  }

  async fetchContent(digest: string): Promise<string | null> {
    const text = await this.redis.get(`${this.base}reload:content:${digest}`);
    // A hash that does not match means the key was tampered with or truncated: never load that.
    return text !== null && sha256(text) === digest ? text : null;
  }

  async broadcast(request: ReloadRequest, options: { timeoutMs: number }): Promise<InstanceReloadReply[]> {
    this.repliesSubscribed ??= this.subscriber.subscribe(this.repliesChannel);
    await this.repliesSubscribed;
    let timer: NodeJS.Timeout | undefined;
    const collector: Collector = { replies: [], expected: Number.POSITIVE_INFINITY, done: () => undefined };
    const finished = new Promise<void>((resolve) => {
      collector.done = resolve;
      timer = setTimeout(resolve, options.timeoutMs);
    });
    this.collectors.set(request.id, collector);
    try {
      const payload = JSON.stringify(request);
      await this.redis.set(`${this.base}reload:last`, payload);
      const receivers = await this.redis.publish(this.requestsChannel, payload);
      collector.expected = receivers - (this.listening ? 1 : 0);
      if (collector.replies.length >= collector.expected) collector.done();
      await finished;
      return collector.replies;
    } finally {
      clearTimeout(timer);
      this.collectors.delete(request.id);
    }
  }

  async listen(
    ownId: string,
    handler: (request: ReloadRequest) => Promise<InstanceReloadReply>,
  ): Promise<void> {
    this.ownId = ownId;
    this.handler = handler;
    await this.subscriber.subscribe(this.requestsChannel);
    this.listening = true;
  }

  async latest(): Promise<ReloadRequest | null> {
    return parseRequest(await this.redis.get(`${this.base}reload:last`));
  }

  onReconnect(callback: () => void): void {
    this.reconnectCallbacks.push(callback);
  }

  async close(): Promise<void> {
    this.handler = undefined;
    await this.handling;
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.repliesChannel) {
      const reply = parseReply(message);
      const collector = reply && this.collectors.get(reply.requestId);
      if (!collector || !reply) return;
      collector.replies.push(reply);
      if (collector.replies.length >= collector.expected) collector.done();
      return;
    }
    const request = channel === this.requestsChannel ? parseRequest(message) : null;
    if (!request || request.origin === this.ownId || !this.handler) return;
    const handler = this.handler;
    // One request at a time, in the order published.
    this.handling = this.handling.then(async () => {
      try {
        const reply = await handler(request);
        await this.redis.publish(this.repliesChannel, JSON.stringify(reply));
      } catch (err) {
        this.log.error({ err, reloadRequest: request.id }, 'reload request not handled');
      }
    });
  }
}

function parseRequest(message: string | null): ReloadRequest | null {
  if (message === null) return null;
  try {
    const value = JSON.parse(message) as ReloadRequest;
    const source = value?.source;
    const sourceOk =
      source?.kind === 'file' || (source?.kind === 'content' && typeof source.sha256 === 'string');
    return typeof value.id === 'string' && Number.isSafeInteger(value.seq) && sourceOk ? value : null;
  } catch {
    return null;
  }
}

function parseReply(message: string): InstanceReloadReply | null {
  try {
    const value = JSON.parse(message) as InstanceReloadReply;
    return typeof value?.requestId === 'string' && typeof value.instanceId === 'string' ? value : null;
  } catch {
    return null;
  }
}
