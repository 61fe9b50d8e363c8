import type { KnowledgeBaseDiff } from '../../core/knowledge-base/diff.js';
import type { Language } from '../../core/language/languages.js';
import type { KbValidationError } from '../../core/knowledge-base/validate.js';

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
  /** A newer reload reached this instance first, so this one was skipped. */
  | { status: 'superseded'; version: string };

/** A reload request as it travels between instances. */
export interface ReloadRequest {
  id: string;
  /** Cluster-wide order of requests: an instance never applies an older one after a newer. */
  seq: number;
  /** The instance (or tool) that asked. */
  origin: string;
  /** Uploaded content travels by reference: its SHA-256, to fetch from the bus. */
  source: { kind: 'file' } | { kind: 'content'; sha256: string; bytes: number };
  /** Who asked, for logs: `telegram:<user id>`, `http`, `cli`. */
  requestedBy: string;
  at: number;
}

/** One instance's answer to a reload request: a summary of its outcome, small enough to publish. */
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
