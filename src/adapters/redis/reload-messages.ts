/** What instances send each other about reloads over pub/sub, and how it is read back: malformed messages are dropped. */
import type { InstanceReloadReply, ReloadOutcome } from '../../app/reload/reload-types.js';
import { formatKbError } from '../../core/knowledge-base/load.js';

/** A reload as it travels between instances; uploaded content travels by its SHA-256, to fetch from Redis. */
export interface ReloadRequest {
  id: string;
  /** The cluster's order of reloads (INCR): an instance never applies an older one after a newer. */
  seq: number;
  /** The instance (or tool) that asked. */
  origin: string;
  source: { kind: 'file' } | { kind: 'content'; sha256: string; bytes: number };
  /** Who asked, for logs: `telegram:<user id>`, `http`, `cli`. */
  requestedBy: string;
  at: number;
}

/** Problems put in a reply to another instance; the admin sees the full list from the instance they asked. */
const MAX_REPLY_PROBLEMS = 5;

/** The summary of an outcome that travels back to the instance that asked. */
export function replyOf(requestId: string, instanceId: string, outcome: ReloadOutcome): InstanceReloadReply {
  const base = { requestId, instanceId, status: outcome.status, version: outcome.version };
  switch (outcome.status) {
    case 'reloaded': {
      const { added, removed, changed } = outcome.diff;
      const changes = { added: added.length, removed: removed.length, changed: changed.length };
      return {
        ...base,
        previousVersion: outcome.previousVersion,
        entries: outcome.entries,
        changes,
        ms: outcome.ms,
      };
    }
    case 'invalid':
      return { ...base, problems: problemsOf(outcome), totalErrors: outcome.totalErrors };
    case 'failed':
      return { ...base, problems: problemsOf(outcome) };
    case 'superseded':
      return base;
  }
}

export function problemsOf(outcome: ReloadOutcome): string[] {
  if (outcome.status === 'invalid') return outcome.errors.slice(0, MAX_REPLY_PROBLEMS).map(formatKbError);
  return outcome.status === 'failed' ? [outcome.reason] : [];
}

export function parseRequest(message: string | null): ReloadRequest | null {
  try {
    const value = JSON.parse(message ?? 'null') as ReloadRequest | null;
    const source = value?.source;
    const sourceOk =
      source?.kind === 'file' || (source?.kind === 'content' && typeof source.sha256 === 'string');
    return value && typeof value.id === 'string' && Number.isSafeInteger(value.seq) && sourceOk
      ? value
      : null;
  } catch {
    return null;
  }
}

export function parseReply(message: string): InstanceReloadReply | null {
  try {
    const value = JSON.parse(message) as InstanceReloadReply | null;
    return typeof value?.requestId === 'string' && typeof value.instanceId === 'string' ? value : null;
  } catch {
    return null;
  }
}
