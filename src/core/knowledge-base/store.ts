import type { KnowledgeSnapshot, KnowledgeStore } from './snapshot.js';

export interface SwappableKnowledgeStore extends KnowledgeStore {
  /** Puts a fully built snapshot in service and returns the one it replaces. */
  swap(next: KnowledgeSnapshot): KnowledgeSnapshot;
}

/**
 * Holds the snapshot in service. A reload builds the whole next snapshot (validated knowledge base and index)
 * first and then swaps one reference, so a reader sees either the old version or the new one, never a half-built
 * index; a reader that took `current()` keeps its snapshot for the rest of its update.
 */
export function createKnowledgeStore(initial: KnowledgeSnapshot): SwappableKnowledgeStore {
  let inService = initial;
  return {
    current: () => inService,
    swap(next) {
      const previous = inService;
      inService = next;
      return previous;
    },
  };
}
