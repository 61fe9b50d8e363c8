import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { buildSnapshot, type SnapshotOptions } from '../../core/knowledge-base/build-snapshot.js';
import { countEntriesPerLanguage, diffKnowledgeBases } from '../../core/knowledge-base/diff.js';
import {
  decodeKnowledgeBaseFile,
  loadKnowledgeBaseFile,
  parseKnowledgeBase,
  type KbLoadResult,
} from '../../core/knowledge-base/load.js';
import type { KnowledgeSnapshot } from '../../core/knowledge-base/snapshot.js';
import type { SwappableKnowledgeStore } from '../../core/knowledge-base/store.js';
import type { KnowledgeBase } from '../../core/knowledge-base/schema.js';
import { validateKnowledgeBase } from '../../core/knowledge-base/validate.js';
import type { Language } from '../../core/language/languages.js';
import type { Logger } from '../../logger.js';
import { replaceFileAtomically } from './replace-file.js';
import { MAX_REPORTED_ERRORS, type ReloadOutcome, type ReloadSource } from './reload-types.js';
import { createSerial } from './serial.js';

/** What the metrics count (src/observability/metrics.ts `reloadFinished` fits). */
export interface ReloadObserver {
  reloadFinished(result: 'ok' | 'invalid' | 'error'): void;
}

export interface ReloaderDeps {
  store: SwappableKnowledgeStore;
  /** KB_PATH: read by a file reload, replaced by new content. */
  kbPath: string;
  defaultLanguage: Language;
  log: Logger;
  observer?: ReloadObserver;
  /** The snapshot factory; tests and benchmarks may wrap it. Default buildSnapshot. */
  build?: (kb: KnowledgeBase, options: SnapshotOptions) => KnowledgeSnapshot;
}

export interface Reloader {
  /**
   * Loads a knowledge base and puts it in service, or refuses it and changes nothing. Validation is kb:check's;
   * the new snapshot (index included) is fully built before one assignment swaps it in, so that no question
   * sees a half-built index. New content is written to KB_PATH (atomically, the old file kept as a backup)
   * before the swap; if that fails, nothing changes. Reloads run one at a time. Never throws.
   */
  reload(source: ReloadSource): Promise<ReloadOutcome>;
  /** When the snapshot in service was put there (ms). */
  loadedAt(): number;
}

/** The reload use case of one instance. */
export function createReloader(deps: ReloaderDeps): Reloader {
  const serial = createSerial();
  const build = deps.build ?? buildSnapshot;
  let loadedAt = Date.now();

  async function reloadNow(source: ReloadSource): Promise<ReloadOutcome> {
    const started = performance.now();
    const serving = deps.store.current().version;
    const loaded = await read(source, deps.kbPath);
    if (!loaded.ok) {
      const errors = loaded.errors.slice(0, MAX_REPORTED_ERRORS);
      return { status: 'invalid', errors, totalErrors: loaded.errors.length, version: serving };
    }
    // The snapshot in service lets the index re-analyse only the entries that changed, which the diff tells.
    const inService = deps.store.current();
    const diff = diffKnowledgeBases(inService.kb, loaded.kb);
    await yieldToEventLoop();
    const snapshot = build(loaded.kb, { defaultLanguage: deps.defaultLanguage, previous: inService, diff });
    await yieldToEventLoop();
    let backupPath: string | null = null;
    if (source.kind === 'content') {
      try {
        backupPath = (await replaceFileAtomically(deps.kbPath, source.text)).backupPath;
      } catch (err) {
        deps.log.error({ err, kbPath: deps.kbPath }, 'new knowledge base not written; keeping the old one');
        // The reason reaches admins in Telegram and over HTTP: the file by name, not the server's path.
        const reason = `${basename(deps.kbPath)} could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
        return { status: 'failed', reason, version: serving };
      }
    }
    const previous = deps.store.swap(snapshot);
    loadedAt = Date.now();
    const ms = performance.now() - started;
    return {
      status: 'reloaded',
      version: snapshot.version,
      previousVersion: previous.version,
      entries: loaded.kb.entries.length,
      perLanguage: countEntriesPerLanguage(loaded.kb),
      // Reloads run one at a time and nothing else swaps the store, so the snapshot diffed is the one replaced.
      diff,
      ms: Math.round(ms),
      backupPath,
    };
  }

  return {
    loadedAt: () => loadedAt,
    reload(source) {
      return serial.run(async () => {
        let outcome: ReloadOutcome;
        try {
          outcome = await reloadNow(source);
        } catch (err) {
          // A bug (or the index build running out of memory): the old snapshot is still in service.
          deps.log.error({ err }, 'reload failed unexpectedly; keeping the old knowledge base');
          outcome = { status: 'failed', reason: 'unexpected error', version: deps.store.current().version };
        }
        logOutcome(deps.log, source, outcome);
        deps.observer?.reloadFinished(
          outcome.status === 'reloaded' ? 'ok' : outcome.status === 'invalid' ? 'invalid' : 'error',
        );
        return outcome;
      });
    },
  };
}

/**
 * Lets updates waiting behind a long synchronous step run (on the old snapshot) before the next step. Twice
 * setImmediate: a step that ran in the event loop's poll phase (after reading the file) would otherwise go on in
 * the same turn's check phase, before any waiting update or timer had its turn.
 */
const yieldToEventLoop = async (): Promise<void> => {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/**
 * Reads, parses and validates with the same checks as kb:check (load.ts), yielding to the event loop between
 * the steps, so that questions arriving during a reload of a large knowledge base wait for one step at most,
 * not for the whole reload. Failures are reported by load.ts itself, so that messages match kb:check's.
 */
async function read(source: ReloadSource, kbPath: string): Promise<KbLoadResult> {
  let text: string;
  if (source.kind === 'content') text = source.text;
  else {
    let bytes: Buffer;
    try {
      bytes = await readFile(kbPath);
    } catch {
      return loadKnowledgeBaseFile(kbPath);
    }
    text = decodeKnowledgeBaseFile(bytes);
    await yieldToEventLoop();
  }
  let data: unknown;
  try {
    data = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return parseKnowledgeBase(text);
  }
  await yieldToEventLoop();
  const result = validateKnowledgeBase(data);
  await yieldToEventLoop();
  return result;
}

function logOutcome(log: Logger, source: ReloadSource, outcome: ReloadOutcome): void {
  const context = { source: source.kind, status: outcome.status, version: outcome.version };
  if (outcome.status === 'reloaded') {
    const { added, removed, changed } = outcome.diff;
    log.info(
      {
        ...context,
        previousVersion: outcome.previousVersion,
        entries: outcome.entries,
        added: added.length,
        removed: removed.length,
        changed: changed.length,
        ms: outcome.ms,
      },
      'knowledge base reloaded',
    );
  } else if (outcome.status === 'invalid') {
    log.warn(
      { ...context, errors: outcome.totalErrors },
      'invalid knowledge base refused; keeping the old one',
    );
  } else if (outcome.status === 'failed') {
    log.error({ ...context, reason: outcome.reason }, 'reload failed; keeping the old knowledge base');
  }
}
