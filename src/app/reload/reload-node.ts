import { hostname } from 'node:os';
import type { KnowledgeStore } from '../../core/knowledge-base/snapshot.js';
import { formatKbError } from '../../core/knowledge-base/load.js';
import type { Logger } from '../../logger.js';
import type { InstanceRegistry, ReloadBus } from './ports.js';
import type { Reloader } from './reloader.js';
import type {
  InstanceReloadReply,
  InstanceStatus,
  ReloadOutcome,
  ReloadRequest,
  ReloadSource,
} from './reload-types.js';
import { createSerial } from './serial.js';

/** Problems put in a reply to another instance; the admin sees the full list from the instance they asked. */
const MAX_REPLY_PROBLEMS = 5;

/** `<host>-<pid>`: unique per running process, readable in `/kb`. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}`;
}

export interface ReloadNodeDeps {
  instanceId: string;
  reloader: Reloader;
  store: KnowledgeStore;
  bus: ReloadBus | null;
  registry: InstanceRegistry | null;
  log: Logger;
  /** How often the instance refreshes its registry record. Default 10 s (the registry's TTL should be ~3x). */
  heartbeatMs?: number;
}

/** One instance's part in cluster-wide reloads. */
export interface ReloadNode {
  readonly instanceId: string;
  /**
   * Reloads here as the instance that was asked. `seq` orders it among the cluster's requests (null when the
   * bus is unavailable): if a newer request was already applied, this one is skipped as superseded.
   */
  apply(source: ReloadSource, seq: number | null): Promise<ReloadOutcome>;
  /** What this instance serves now, as recorded in the registry. */
  status(): InstanceStatus;
  /** Listens for other instances' requests, records itself in the registry and keeps the record fresh. */
  start(): Promise<void>;
  /** Stops the heartbeat and removes the record (the bus is closed by its owner). */
  stop(): Promise<void>;
}

/**
 * Applies requests in sequence order, one at a time: another instance's request is re-read and validated here
 * (shared content is fetched by its hash and becomes this instance's KB_PATH); a failure keeps the old knowledge
 * base and says so in the reply and the registry.
 */
export function createReloadNode(deps: ReloadNodeDeps): ReloadNode {
  const serial = createSerial();
  let appliedSeq = 0;
  let lastFailure: InstanceStatus['lastFailure'];
  let heartbeat: NodeJS.Timeout | undefined;

  const status = (): InstanceStatus => {
    const snapshot = deps.store.current();
    return {
      id: deps.instanceId,
      version: snapshot.version,
      entries: snapshot.kb.entries.length,
      loadedAt: deps.reloader.loadedAt(),
      seenAt: Date.now(),
      ...(lastFailure ? { lastFailure } : {}),
    };
  };

  async function announce(): Promise<void> {
    await deps.registry?.announce(status()).catch((err: unknown) => {
      deps.log.debug({ err }, 'instance status not recorded (registry unavailable)');
    });
  }

  function apply(source: ReloadSource | (() => Promise<ReloadSource | null>), seq: number | null) {
    return serial.run(async (): Promise<ReloadOutcome> => {
      if (seq !== null && seq <= appliedSeq)
        return { status: 'superseded', version: deps.store.current().version };
      const resolved = typeof source === 'function' ? await source() : source;
      const outcome: ReloadOutcome = resolved
        ? await deps.reloader.reload(resolved)
        : {
            status: 'failed',
            reason: 'the uploaded content could not be fetched from Redis',
            version: deps.store.current().version,
          };
      if (seq !== null) appliedSeq = seq;
      lastFailure =
        outcome.status === 'invalid' || outcome.status === 'failed'
          ? { at: Date.now(), status: outcome.status, detail: problemsOf(outcome)[0] ?? '' }
          : outcome.status === 'reloaded'
            ? undefined
            : lastFailure;
      await announce();
      return outcome;
    });
  }

  async function handleRequest(request: ReloadRequest): Promise<InstanceReloadReply> {
    const log = deps.log.child({ reloadRequest: request.id, seq: request.seq, origin: request.origin });
    log.info(
      { requestedBy: request.requestedBy, source: request.source.kind },
      'reload requested by another instance',
    );
    const source = request.source;
    const outcome = await apply(async () => {
      if (source.kind === 'file') return { kind: 'file' };
      const text = await deps.bus?.fetchContent(source.sha256).catch(() => null);
      return text === null || text === undefined ? null : { kind: 'content', text };
    }, request.seq);
    return replyOf(request.id, deps.instanceId, outcome);
  }

  async function catchUp(): Promise<void> {
    const latest = await deps.bus?.latest().catch(() => null);
    if (latest && latest.seq > appliedSeq && latest.origin !== deps.instanceId) {
      deps.log.warn({ seq: latest.seq }, 'a reload was missed while Redis was away; applying it now');
      await handleRequest(latest);
    }
  }

  return {
    instanceId: deps.instanceId,
    apply: (source, seq) => apply(source, seq),
    status,
    async start() {
      if (deps.bus) {
        deps.bus.onReconnect(() => void catchUp());
        await deps.bus.listen(deps.instanceId, handleRequest);
        // The file read at start-up is at least as new as the requests published before this instance listened.
        const latest = await deps.bus.latest().catch(() => null);
        if (appliedSeq === 0 && latest) appliedSeq = latest.seq;
      }
      await announce();
      heartbeat = setInterval(() => void announce(), deps.heartbeatMs ?? 10_000);
      heartbeat.unref();
    },
    async stop() {
      clearInterval(heartbeat);
      await deps.registry?.withdraw(deps.instanceId).catch(() => undefined);
    },
  };
}

/** The summary of an outcome that travels back to the instance that asked. */
export function replyOf(requestId: string, instanceId: string, outcome: ReloadOutcome): InstanceReloadReply {
  const base = { requestId, instanceId, status: outcome.status, version: outcome.version };
  switch (outcome.status) {
    case 'reloaded':
      return {
        ...base,
        previousVersion: outcome.previousVersion,
        entries: outcome.entries,
        changes: {
          added: outcome.diff.added.length,
          removed: outcome.diff.removed.length,
          changed: outcome.diff.changed.length,
        },
        ms: outcome.ms,
      };
    case 'invalid':
      return { ...base, problems: problemsOf(outcome), totalErrors: outcome.totalErrors };
    case 'failed':
      return { ...base, problems: problemsOf(outcome) };
    case 'superseded':
      return base;
  }
}

function problemsOf(outcome: ReloadOutcome): string[] {
  if (outcome.status === 'invalid') return outcome.errors.slice(0, MAX_REPLY_PROBLEMS).map(formatKbError);
  if (outcome.status === 'failed') return [outcome.reason];
  return [];
}
