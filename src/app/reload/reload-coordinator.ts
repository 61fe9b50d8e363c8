import { randomUUID } from 'node:crypto';
import { loadKnowledgeBaseFile, parseKnowledgeBase } from '../../core/knowledge-base/load.js';
import type { KbValidationError } from '../../core/knowledge-base/validate.js';
import type { Logger } from '../../logger.js';
import type { InstanceRegistry, ReloadBus } from './ports.js';
import type { ReloadNode } from './reload-node.js';
import {
  MAX_REPORTED_ERRORS,
  type InstanceReloadReply,
  type ReloadOutcome,
  type ReloadSource,
} from './reload-types.js';

/** How long the instance that was asked waits for the others' replies. */
export const DEFAULT_REPLY_WAIT_MS = 3_000;

/** What came of a reload asked for on one instance (or by the command-line tool), across the cluster. */
export type ClusterReloadResult =
  /** Refused by validation before anything changed anywhere. */
  | { kind: 'refused'; errors: KbValidationError[]; totalErrors: number; version: string | null }
  /** Valid, but this instance could not put it in place; nothing was sent to the others. */
  | { kind: 'failed'; reason: string; version: string }
  | {
      kind: 'done';
      /** This instance's outcome; null for the command-line tool, which serves nothing. */
      local: Extract<ReloadOutcome, { status: 'reloaded' | 'superseded' }> | null;
      /** Replies of the other instances, in arrival order. */
      others: InstanceReloadReply[];
      /** Instances in the registry that did not reply in time. */
      silent: string[];
      /** 'unavailable': Redis could not be reached, so the other instances were not told. */
      broadcast: 'sent' | 'unavailable';
    };

export interface ReloadCoordinatorDeps {
  /** This instance; absent in the command-line tool. */
  node: ReloadNode | null;
  bus: ReloadBus | null;
  registry: InstanceRegistry | null;
  /** The instance id, or a label such as `cli@host` for the tool. */
  origin: string;
  /** KB_PATH, validated here when there is no node (the tool). */
  kbPath: string;
  log: Logger;
  replyWaitMs?: number;
}

export interface ReloadCoordinator {
  /**
   * The one entry of every way in (/reload, an uploaded document, POST /admin/reload, kb:reload): validates and
   * applies here first; only a valid knowledge base is then published to every other instance, whose replies
   * are awaited for a few seconds. Never throws.
   */
  requestReload(source: ReloadSource, requestedBy: string): Promise<ClusterReloadResult>;
}

export function createReloadCoordinator(deps: ReloadCoordinatorDeps): ReloadCoordinator {
  const waitMs = deps.replyWaitMs ?? DEFAULT_REPLY_WAIT_MS;

  async function sequence(): Promise<number | null> {
    try {
      return (await deps.bus?.nextSequence()) ?? null;
    } catch (err) {
      deps.log.warn({ err }, 'reload sequence unavailable (Redis); reloading this instance only');
      return null;
    }
  }

  async function checkHere(source: ReloadSource, seq: number | null) {
    if (deps.node) return deps.node.apply(source, seq);
    const loaded =
      source.kind === 'file' ? await loadKnowledgeBaseFile(deps.kbPath) : parseKnowledgeBase(source.text);
    if (loaded.ok) return null;
    const errors = loaded.errors.slice(0, MAX_REPORTED_ERRORS);
    return { status: 'invalid' as const, errors, totalErrors: loaded.errors.length, version: null };
  }

  async function tellOthers(source: ReloadSource, seq: number, requestedBy: string) {
    const bus = deps.bus!;
    const wire =
      source.kind === 'file'
        ? { kind: 'file' as const }
        : { kind: 'content' as const, ...(await bus.shareContent(source.text)) };
    const request = { id: randomUUID(), seq, origin: deps.origin, source: wire, requestedBy, at: Date.now() };
    const known = await deps.registry?.list().catch(() => []);
    const others = await bus.broadcast(request, { timeoutMs: waitMs });
    const replied = new Set(others.map((reply) => reply.instanceId));
    const silent = (known ?? []).map((s) => s.id).filter((id) => id !== deps.origin && !replied.has(id));
    return { others, silent };
  }

  return {
    async requestReload(source, requestedBy) {
      const seq = await sequence();
      const local = await checkHere(source, seq);
      if (local?.status === 'invalid') {
        return {
          kind: 'refused',
          errors: local.errors,
          totalErrors: local.totalErrors,
          version: local.version,
        };
      }
      if (local?.status === 'failed') return { kind: 'failed', reason: local.reason, version: local.version };
      if (seq === null || local?.status === 'superseded') {
        return {
          kind: 'done',
          local,
          others: [],
          silent: [],
          broadcast: seq === null ? 'unavailable' : 'sent',
        };
      }
      try {
        const { others, silent } = await tellOthers(source, seq, requestedBy);
        return { kind: 'done', local, others, silent, broadcast: 'sent' };
      } catch (err) {
        deps.log.warn({ err }, 'reload not published (Redis); other instances keep their version');
        return { kind: 'done', local, others: [], silent: [], broadcast: 'unavailable' };
      }
    },
  };
}
