import { basename } from 'node:path';
import { buildSnapshot } from '../../core/knowledge-base/build-snapshot.js';
import { countEntriesPerLanguage, diffKnowledgeBases } from '../../core/knowledge-base/diff.js';
import { loadKnowledgeBaseFile, parseKnowledgeBase } from '../../core/knowledge-base/load.js';
import type { SwappableKnowledgeStore } from '../../core/knowledge-base/store.js';
import type { Language } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import { replaceFileAtomically } from './replace-file.js';
import { MAX_REPORTED_ERRORS, type ReloadOutcome, type ReloadSource } from './reload-types.js';

export interface ReloaderDeps {
  store: SwappableKnowledgeStore;
  /** KB_PATH: read by a file reload, replaced by new content. */
  kbPath: string;
  defaultLanguage: Language;
  log: Logger;
  /** Counts each reload by result (src/observability/metrics.ts `reloadFinished` fits). */
  observer?: { reloadFinished(result: 'ok' | 'invalid' | 'error'): void };
}

export type Reloader = ReturnType<typeof createReloader>;

/**
 * Validates, builds, writes new content to KB_PATH and swaps, telling `swapped` in the same step; a refused or
 * failed reload changes nothing.
 */
async function reloadNow(
  deps: ReloaderDeps,
  source: ReloadSource,
  swapped: () => void,
): Promise<ReloadOutcome> {
  const started = performance.now();
  const inService = deps.store.current();
  const loaded =
    source.kind === 'file' ? await loadKnowledgeBaseFile(deps.kbPath) : parseKnowledgeBase(source.text);
  if (!loaded.ok) {
    const errors = loaded.errors.slice(0, MAX_REPORTED_ERRORS);
    return { status: 'invalid', errors, totalErrors: loaded.errors.length, version: inService.version };
  }
  // The snapshot in service lets the index re-analyse only the entries that changed, which the diff tells.
  const diff = diffKnowledgeBases(inService.kb, loaded.kb);
  await yieldToEventLoop();
  const snapshot = buildSnapshot(loaded.kb, {
    defaultLanguage: deps.defaultLanguage,
    previous: inService,
    diff,
  });
  await yieldToEventLoop();
  let backupPath: string | null = null;
  if (source.kind === 'content') {
    try {
      backupPath = (await replaceFileAtomically(deps.kbPath, source.text)).backupPath;
    } catch (err) {
      deps.log.error({ err, kbPath: deps.kbPath }, 'new knowledge base not written; keeping the old one');
      // The reason reaches admins in Telegram and over HTTP: the file by name, not the server's path.
      const reason = `${basename(deps.kbPath)} could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      return { status: 'failed', reason, version: inService.version };
    }
  }
  // Reloads run one at a time and nothing else swaps the store, so the snapshot diffed is the one replaced.
  deps.store.swap(snapshot);
  swapped();
  return {
    status: 'reloaded',
    version: snapshot.version,
    previousVersion: inService.version,
    entries: loaded.kb.entries.length,
    perLanguage: countEntriesPerLanguage(loaded.kb),
    diff,
    ms: Math.round(performance.now() - started),
    backupPath,
  };
}

/**
 * One instance's reloads: validate (kb:check's own functions, so the errors are the same), build the whole next
 * snapshot, write new content to KB_PATH (atomically, the old file kept as a backup), then swap the snapshot in
 * with one assignment, so that no question sees a half-built index. A refused or failed reload changes nothing.
 * Reloads run one at a time, in the order asked; one that carries a cluster sequence number older than one
 * already handled here is skipped as superseded, so that every instance ends on the newest.
 */
export function createReloader(deps: ReloaderDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  let newestSeq = 0;
  let loadedAt = Date.now();

  async function reloadInTurn(source: ReloadSource, seq: number | undefined): Promise<ReloadOutcome> {
    if (seq !== undefined && seq <= newestSeq)
      return { status: 'superseded', version: deps.store.current().version };
    if (seq !== undefined) newestSeq = seq;
    let outcome: ReloadOutcome;
    try {
      outcome = await reloadNow(deps, source, () => (loadedAt = Date.now()));
    } catch (err) {
      // A bug (or the index build running out of memory): the old snapshot is still in service.
      deps.log.error({ err }, 'reload failed unexpectedly; keeping the old knowledge base');
      outcome = { status: 'failed', reason: 'unexpected error', version: deps.store.current().version };
    }
    logOutcome(deps.log, source, outcome);
    const result = outcome.status === 'reloaded' ? 'ok' : outcome.status === 'invalid' ? 'invalid' : 'error';
    deps.observer?.reloadFinished(result);
    return outcome;
  }

  return {
    /** Reloads after the reloads asked before it; `seq` is the cluster's order of reloads, when there is one. */
    reload(source: ReloadSource, seq?: number): Promise<ReloadOutcome> {
      const outcome = queue.then(() => reloadInTurn(source, seq));
      queue = outcome;
      return outcome;
    },
    /** Counts the cluster's reloads up to `seq` as handled: the file read at start-up is at least as new. */
    skipUpTo(seq: number): void {
      newestSeq = Math.max(newestSeq, seq);
    },
    /** The newest cluster sequence number handled here (0 for none). */
    newestSeq: () => newestSeq,
    /** The version in service, its number of entries, and when it was put there (ms). */
    serving(): { version: string; entries: number; loadedAt: number } {
      const { version, kb } = deps.store.current();
      return { version, entries: kb.entries.length, loadedAt };
    },
  };
}

/**
 * Lets updates waiting behind a long synchronous step run (on the old snapshot) before the next step. Twice
 * setImmediate: a step that ran in the event loop's poll phase (after reading the file) would otherwise go on in
 * the same turn's check phase, before any waiting update or timer had its turn.
 */
async function yieldToEventLoop(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function logOutcome(log: Logger, source: ReloadSource, outcome: ReloadOutcome): void {
  const context = { source: source.kind, status: outcome.status, version: outcome.version };
  if (outcome.status === 'reloaded') {
    const { added, removed, changed } = outcome.diff;
    const counts = { added: added.length, removed: removed.length, changed: changed.length };
    const { previousVersion, entries, ms } = outcome;
    log.info({ ...context, ...counts, previousVersion, entries, ms }, 'knowledge base reloaded');
  } else if (outcome.status === 'invalid') {
    log.warn(
      { ...context, errors: outcome.totalErrors },
      'invalid knowledge base refused; keeping the old one',
    );
  } else if (outcome.status === 'failed') {
    log.error({ ...context, reason: outcome.reason }, 'reload failed; keeping the old knowledge base');
  }
}
