import { answerQuestion } from '../answer/answer-question.js';
import type { Language } from '../language/languages.js';
import { buildLanguageLexicon, type LanguageLexicon } from '../language/lexicon.js';
import { buildSearchIndex, type SearchIndex } from '../search/search-index.js';
import type { KnowledgeBaseDiff } from './diff.js';
import type { KnowledgeSnapshot } from './snapshot.js';
import type { Entry, KnowledgeBase } from './schema.js';

export interface SnapshotOptions {
  /** The reply language when neither /lang, the text nor the client tells one (DEFAULT_LANGUAGE). */
  defaultLanguage: Language;
  /**
   * The snapshot in service, when this build is a reload: entries whose searchable material did not change
   * are not analysed again, and the language lexicon is shared when its material did not change, which makes
   * reloading a large knowledge base several times faster.
   */
  previous?: KnowledgeSnapshot;
  /**
   * diffKnowledgeBases(previous.kb, kb), when the caller has it anyway (a reload reports it): entries it does not
   * list as changed are then not compared again.
   */
  diff?: KnowledgeBaseDiff;
}

/** What each snapshot built here was made of, for `previous` (a weak map: snapshots stay collectable). */
const parts = new WeakMap<KnowledgeSnapshot, { index: SearchIndex; lexicon: LanguageLexicon }>();

/**
 * Builds one immutable snapshot of a validated knowledge base: lookups by id and kind, and the search index
 * behind `answer`. Linear in the entries' short fields; answers are not indexed. The knowledge base is not
 * copied, so callers must not mutate it afterwards. Never touches the snapshot in service: a reload builds the
 * next one completely and then swaps it in (see store.ts).
 */
export function buildSnapshot(kb: KnowledgeBase, options: SnapshotOptions): KnowledgeSnapshot {
  const before = options.previous ? parts.get(options.previous) : undefined;
  const changedIds = options.diff ? new Set(options.diff.changed) : undefined;
  const index = buildSearchIndex(kb.entries, before?.index, changedIds);
  const byId = new Map(kb.entries.map((entry) => [entry.id, entry]));
  const byKind = new Map<Entry['kind'], Entry[]>();
  for (const entry of kb.entries) {
    const list = byKind.get(entry.kind) ?? [];
    list.push(entry);
    byKind.set(entry.kind, list);
  }
  const settings = {
    defaultLanguage: options.defaultLanguage,
    kbVersion: kb.version,
    lexicon: buildLanguageLexicon(kb.entries, before?.lexicon),
    byId: (id: string) => byId.get(id),
  };
  const snapshot: KnowledgeSnapshot = Object.freeze({
    kb,
    version: kb.version,
    byId: (id: string) => byId.get(id),
    list: (kind?: Entry['kind']) => (kind ? (byKind.get(kind) ?? []) : kb.entries),
    answer: (text: string, context: Parameters<KnowledgeSnapshot['answer']>[1]) =>
      answerQuestion(index, text, context, settings),
  });
  parts.set(snapshot, { index, lexicon: settings.lexicon });
  return snapshot;
}
