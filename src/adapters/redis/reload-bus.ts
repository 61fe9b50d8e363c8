import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Reloader } from '../../app/reload/reloader.js';
import type {
  ClusterReloadResult,
  InstanceReloadReply,
  InstanceStatus,
  OthersReport,
  ReloadOutcome,
  ReloadSource,
} from '../../app/reload/reload-types.js';
import type { Logger } from '../../logger.js';
import { InstancePresence } from './instance-presence.js';
import { RedisInstanceRegistry } from './instance-registry.js';
import { ReloadContentStore } from './reload-content.js';
import { parseReply, parseRequest, replyOf, type ReloadRequest } from './reload-messages.js';
import { untilReady } from './connection.js';

export interface ReloadBusOptions {
  /** For ordinary commands; a second connection is made from it for pub/sub. */
  redis: Redis;
  /** Keys and channels start with `<prefix>:{kb}:`. Default `desk`. */
  prefix?: string;
  log: Logger;
  /** This bot instance's reloader; absent in the command-line tool, which tells the instances and serves nothing. */
  reloader?: Reloader;
  /** Default `<host>-<pid>`, unique per running process and readable in `/kb`. */
  id?: string;
  /** How long a reload waits for the other instances' replies. Default 3 s. */
  replyWaitMs?: number;
}

/**
 * Reloads across instances over Redis: requests on `<base>reload`, replies on `<base>reload:replies`, the order in
 * `<base>reload:seq`, the newest request in `<base>reload:last` (for an instance that was cut off), uploaded
 * content beside them (reload-content.ts). PUBLISH says how many instances received a request, which is how many
 * replies to wait for; the instance registry names those that did not answer.
 */
export class ReloadBus {
  readonly id: string;
  readonly replyWaitMs: number;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly base: string;
  private readonly log: Logger;
  private readonly registry: RedisInstanceRegistry;
  private readonly presence: InstancePresence;
  private readonly content: ReloadContentStore;
  private readonly collectors = new Map<string, (reply: InstanceReloadReply) => void>();
  private readonly handling = new Set<Promise<void>>();
  private repliesSubscribed: Promise<unknown> | undefined;
  private listening = false;
  private stopped = false;
  /** Resolves when stop() is called: a start still waiting for Redis gives up then. */
  private stopRequested: () => void = () => undefined;
  private readonly stopping = new Promise<void>((resolve) => (this.stopRequested = resolve));
  private connectedBefore = false;

  constructor(private readonly options: ReloadBusOptions) {
    this.redis = options.redis;
    this.base = `${options.prefix ?? 'desk'}:{kb}:`;
    this.id = options.id ?? `${hostname()}-${process.pid}`;
    this.replyWaitMs = options.replyWaitMs ?? 3_000;
    this.log = options.log.child({ instance: this.id });
    this.registry = new RedisInstanceRegistry({ redis: options.redis, prefix: options.prefix });
    this.presence = new InstancePresence({
      registry: this.registry,
      id: this.id,
      serving: () => this.reloader.serving(),
      log: this.log,
    });
    this.content = new ReloadContentStore(options.redis, this.base);
    // Subscribing waits for the connection rather than failing, and ioredis re-subscribes after a reconnect.
    this.subscriber = options.redis.duplicate({
      lazyConnect: false,
      enableOfflineQueue: true,
      autoResubscribe: true,
      enableAutoPipelining: false,
      connectionName: `${options.redis.options.connectionName ?? 'desk'}-reload-bus`,
    });
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // ioredis reconnects by itself; its failed attempts are reported on the command connection already.
    this.subscriber.on('error', () => undefined);
    // Every 'ready' after the first follows an outage, during which requests may have been missed.
    this.subscriber.on('ready', () => {
      if (this.connectedBefore && this.listening) void this.catchUp();
      this.connectedBefore = true;
    });
  }

  /**
   * The one way in for /reload, an uploaded document and POST /admin/reload: reloads here first (validated
   * before anything changes) and tells the other instances only when it is in service here. Never throws.
   */
  async reloadEverywhere(source: ReloadSource, requestedBy: string): Promise<ClusterReloadResult> {
    const seq = await this.redis.incr(this.key('reload:seq')).catch((err: unknown) => {
      this.log.warn({ err }, 'reload sequence unavailable (Redis); reloading this instance only');
      return null;
    });
    const local = await this.reloader.reload(source, seq ?? undefined);
    await this.presence.record(local);
    if (local.status === 'invalid') {
      const { errors, totalErrors, version } = local;
      return { kind: 'refused', errors, totalErrors, version };
    }
    if (local.status === 'failed') return { kind: 'failed', reason: local.reason, version: local.version };
    if (seq === null) return { kind: 'done', local, others: [], silent: [], broadcast: 'unavailable' };
    if (local.status === 'superseded')
      return { kind: 'done', local, others: [], silent: [], broadcast: 'sent' };
    return { kind: 'done', local, ...(await this.tellOthers(source, requestedBy, seq)) };
  }

  /** Publishes an already validated reload and gathers the replies for replyWaitMs at most. Never throws. */
  async tellOthers(source: ReloadSource, requestedBy: string, seq?: number): Promise<OthersReport> {
    try {
      const request: ReloadRequest = {
        id: randomUUID(),
        seq: seq ?? (await this.redis.incr(this.key('reload:seq'))),
        origin: this.id,
        source: source.kind === 'file' ? source : await this.content.share(source.text),
        requestedBy,
        at: Date.now(),
      };
      const known = await this.registry.list().catch(() => []);
      const others = await this.broadcast(request);
      const replied = new Set(others.map((reply) => reply.instanceId));
      const silent = known.map((s) => s.id).filter((id) => id !== this.id && !replied.has(id));
      return { others, silent, broadcast: 'sent' };
    } catch (err) {
      this.log.warn({ err }, 'reload not published (Redis); other instances keep their version');
      return { others: [], silent: [], broadcast: 'unavailable' };
    }
  }

  /** What every running instance serves, by id. */
  instances(): Promise<InstanceStatus[]> {
    return this.registry.list();
  }

  /**
   * Listens for the other instances' reloads and records this one in the registry, refreshed every heartbeat.
   * Resolves once subscribed (which waits for Redis while it is down); never rejects.
   */
  async start(): Promise<void> {
    // The command connection fails at once while it connects (answers never wait on Redis), so wait for it.
    await Promise.race([untilReady(this.redis), this.stopping]);
    if (this.stopped) return;
    try {
      // The file read at start-up is at least as new as the reloads published before this point.
      this.reloader.skipUpTo((await this.latest())?.seq ?? 0);
      await this.subscriber.subscribe(this.key('reload'));
      this.listening = true;
      await this.catchUp();
    } catch (err) {
      this.log.error({ err }, 'reloads from other instances will not reach this one');
    }
    await this.presence.start();
  }

  /** Leaves the registry, lets the reloads under way reply, and closes the pub/sub connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested();
    this.listening = false;
    await this.presence.stop(this.options.reloader !== undefined);
    await Promise.allSettled(this.handling);
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private get reloader(): Reloader {
    if (!this.options.reloader) throw new Error('this reload bus serves no knowledge base');
    return this.options.reloader;
  }

  private key(name: string): string {
    return `${this.base}${name}`;
  }

  private async broadcast(request: ReloadRequest): Promise<InstanceReloadReply[]> {
    this.repliesSubscribed ??= this.subscriber.subscribe(this.key('reload:replies'));
    await this.repliesSubscribed;
    const replies: InstanceReloadReply[] = [];
    let expected = Number.POSITIVE_INFINITY;
    let timer: NodeJS.Timeout | undefined;
    const finished = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.replyWaitMs);
      this.collectors.set(request.id, (reply) => {
        replies.push(reply);
        if (replies.length >= expected) resolve();
      });
    });
    try {
      const payload = JSON.stringify(request);
      await this.redis.set(this.key('reload:last'), payload);
      const receivers = await this.redis.publish(this.key('reload'), payload);
      expected = receivers - (this.listening ? 1 : 0);
      if (replies.length < expected) await finished;
      return replies;
    } finally {
      clearTimeout(timer);
      this.collectors.delete(request.id);
    }
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.key('reload:replies')) {
      const reply = parseReply(message);
      if (reply) this.collectors.get(reply.requestId)?.(reply);
      return;
    }
    const request = parseRequest(message);
    if (!request || request.origin === this.id || !this.listening) return;
    const handled = this.handle(request).finally(() => this.handling.delete(handled));
    this.handling.add(handled);
  }

  /** Another instance's reload: re-read and validated here, then replied to. */
  private async handle(request: ReloadRequest): Promise<void> {
    const log = this.log.child({ reloadRequest: request.id, seq: request.seq, origin: request.origin });
    log.info(
      { requestedBy: request.requestedBy, source: request.source.kind },
      'reload asked by another instance',
    );
    try {
      const source = await this.content.sourceOf(request.source);
      const outcome: ReloadOutcome = source
        ? await this.reloader.reload(source, request.seq)
        : {
            status: 'failed',
            reason: 'the uploaded content could not be fetched from Redis',
            version: this.reloader.serving().version,
          };
      await this.presence.record(outcome);
      await this.redis.publish(
        this.key('reload:replies'),
        JSON.stringify(replyOf(request.id, this.id, outcome)),
      );
    } catch (err) {
      log.error({ err }, 'reload request not handled');
    }
  }

  /** Applies the newest reload if this instance has not handled it (it was cut off when it was published). */
  private async catchUp(): Promise<void> {
    const latest = await this.latest().catch(() => null);
    if (latest && latest.origin !== this.id && latest.seq > this.reloader.newestSeq()) {
      this.log.warn({ seq: latest.seq }, 'a reload was missed while Redis was away; applying it now');
      await this.handle(latest);
    }
  }

  private async latest(): Promise<ReloadRequest | null> {
    return parseRequest(await this.redis.get(this.key('reload:last')));
  }
}
