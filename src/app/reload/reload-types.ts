import type { KnowledgeBaseDiff } from '../../core/knowledge-base/diff.js';
import type { KbValidationError } from '../../core/knowledge-base/validate.js';
import type { Language } from '../../core/language/languages.js';

/** Errors shown to an admin for a refused knowledge base; the rest are counted. */
export const MAX_REPORTED_ERRORS = 20;

/** What to load: the file at KB_PATH again, or new content that becomes the file at KB_PATH. */
export type ReloadSource = { kind: 'file' } | { kind: 'content'; text: string };

/** The result of one reload on one instance. */
export type ReloadOutcome =
  | {
      status: 'reloaded';
      version: string;
      previousVersion: string;
      entries: number;
      perLanguage: Record<Language, number>;
      diff: KnowledgeBaseDiff;
      /** Validation, index build and swap, in milliseconds. */
      ms: number;
      /** Where the file replaced by new content was kept; null when no file was replaced. */
      backupPath: string | null;
    }
  /** Refused by validation: nothing changed. `errors` holds the first MAX_REPORTED_ERRORS. */
  | { status: 'invalid'; errors: KbValidationError[]; totalErrors: number; version: string }
  /** Valid but could not be put in place (the file could not be written, the content was gone): nothing changed. */
  | { status: 'failed'; reason: string; version: string }
  /** A newer reload of the cluster reached this instance first, so this one was skipped. */
  | { status: 'superseded'; version: string };

/** One instance's answer to another's reload: a summary of its outcome, small enough to publish. */
export interface InstanceReloadReply {
  requestId: string;
  instanceId: string;
  status: ReloadOutcome['status'];
  /** The version the instance serves after handling the request. */
  version: string;
  previousVersion?: string;
  entries?: number;
  changes?: { added: number; removed: number; changed: number };
  /** For 'invalid': the first few errors, formatted; for 'failed': the reason. */
  problems?: string[];
  totalErrors?: number;
  ms?: number;
}

/** What the other instances did with a reload they were told of. */
export interface OthersReport {
  /** Their replies, in arrival order. */
  others: InstanceReloadReply[];
  /** Instances in the registry that did not reply in time. */
  silent: string[];
  /** 'unavailable': Redis could not be reached, so the other instances were not told. */
  broadcast: 'sent' | 'unavailable';
}

/** What came of a reload asked for on one instance, across the cluster. */
export type ClusterReloadResult =
  /** Refused by validation before anything changed anywhere. */
  | { kind: 'refused'; errors: KbValidationError[]; totalErrors: number; version: string }
  /** Valid, but this instance could not put it in place; nothing was sent to the others. */
  | { kind: 'failed'; reason: string; version: string }
  | ({ kind: 'done'; local: Extract<ReloadOutcome, { status: 'reloaded' | 'superseded' }> } & OthersReport);

/** What an instance records about itself, so that `/kb` shows what every instance serves. */
export interface InstanceStatus {
  id: string;
  version: string;
  entries: number;
  /** When the version in service was loaded (ms). */
  loadedAt: number;
  /** When the instance last said it is alive (ms). */
  seenAt: number;
  /** The last reload that did not put a new version in service, if the latest one failed. */
  lastFailure?: { at: number; status: 'invalid' | 'failed'; detail: string };
}
