import type { KnowledgeSnapshot } from '../../core/knowledge-base/snapshot.js';
import type { Language } from '../../core/language/languages.js';
import type { OutMessage } from '../types.js';

/**
 * Rendered answers (card and related-entry buttons) of the snapshot in service, by entry and language. A card
 * depends only on the entry, the language and the locales, so that one rendering serves every asker until the
 * next reload; rendering (translation, escaping, capping) is otherwise a large part of each answer's cost.
 * Bounded: the least recently used cards go first, so that a 100,000-entry base cannot fill memory with them.
 * Each snapshot has cards of its own, held weakly: no card outlives its knowledge base, and updates still in
 * flight on the old snapshot during a reload neither see the new cards nor empty them. Cards are shared:
 * callers must not mutate what `get` returns.
 */
export interface AnswerCardCache {
  get(snapshot: KnowledgeSnapshot, entryId: string, lang: Language, render: () => OutMessage): OutMessage;
}

/** Enough for every card of a several-hundred-entry base in all four languages (a card is 1-4 kB). */
export const DEFAULT_CARD_CACHE_SIZE = 2_000;

export function createAnswerCardCache(capacity = DEFAULT_CARD_CACHE_SIZE): AnswerCardCache {
  const bySnapshot = new WeakMap<KnowledgeSnapshot, Map<string, OutMessage>>();
  return {
    get(snapshot, entryId, lang, render) {
      let cards = bySnapshot.get(snapshot);
      if (!cards) bySnapshot.set(snapshot, (cards = new Map()));
      const key = `${lang}:${entryId}`;
      let card = cards.get(key);
      if (card !== undefined) {
        // Re-inserted, so that Map order is recency order and the first key is the least recently used.
        cards.delete(key);
        cards.set(key, card);
        return card;
      }
      card = Object.freeze(render());
      cards.set(key, card);
      if (cards.size > capacity) cards.delete(cards.keys().next().value!);
      return card;
    },
  };
}
