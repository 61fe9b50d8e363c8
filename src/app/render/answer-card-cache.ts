import type { KnowledgeSnapshot } from '../../core/knowledge-base/snapshot.js';
import type { Language } from '../../core/language/languages.js';
import type { OutMessage } from '../types.js';

/**
 * Rendered answers (card and related-entry buttons) of the snapshot in service, by entry and language. A card
 * depends only on the entry, the language and the locales, so that one rendering serves every asker until the
 * next reload; rendering (translation, escaping, capping) is otherwise a large part of each answer's cost.
 * Bounded: the least recently used cards go first, so that a 100,000-entry base cannot fill memory with them.
 * A different snapshot (a reload) empties the cache, so that no card outlives its knowledge base. Cards are
 * shared: callers must not mutate what `get` returns.
 */
export interface AnswerCardCache {
  get(snapshot: KnowledgeSnapshot, entryId: string, lang: Language, render: () => OutMessage): OutMessage;
}

/** Enough for every card of a several-hundred-entry base in all four languages (a card is 1-4 kB). */
export const DEFAULT_CARD_CACHE_SIZE = 2_000;

export function createAnswerCardCache(capacity = DEFAULT_CARD_CACHE_SIZE): AnswerCardCache {
  let owner: KnowledgeSnapshot | null = null;
  const cards = new Map<string, OutMessage>();
  return {
    get(snapshot, entryId, lang, render) {
      if (snapshot !== owner) {
        cards.clear();
        owner = snapshot;
      }
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
