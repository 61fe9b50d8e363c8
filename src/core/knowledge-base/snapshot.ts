import type { AnswerResult, QuestionContext } from '../answer/types.js';
import type { Entry, KnowledgeBase } from './schema.js';

/**
 * One loaded knowledge-base version with its search index, immutable once built. Callers take one snapshot
 * per update (`store.current()`) so that an answer never mixes two versions during a reload.
 */
export interface KnowledgeSnapshot {
  readonly kb: KnowledgeBase;
  readonly version: string;
  byId(id: string): Entry | undefined;
  /** Entries of one kind, in file order. */
  list(kind?: Entry['kind']): readonly Entry[];
  /** The core's whole question path: language, search, confidence, outcome. */
  answer(text: string, context: QuestionContext): AnswerResult;
}

/** Holds the snapshot in service; a reload swaps the reference in one assignment. */
export interface KnowledgeStore {
  current(): KnowledgeSnapshot;
}
