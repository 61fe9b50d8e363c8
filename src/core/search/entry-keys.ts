import type { Entry } from '../knowledge-base/schema.js';
import { visitText, type TextVisitor } from '../text/analyze.js';
import { detectIntents, mayHoldIntent } from '../text/intents.js';
import { normalizeText } from '../text/normalize.js';
import { forEachHanKey, intentKey, intentPairKey } from './index-keys.js';
import type { InvertedIndexBuilder } from './inverted-index.js';
import { entryMaterial, FIELD_WEIGHTS, type MaterialField } from './material.js';

/** Fields whose interrogatives say what the entry answers ("how many ...?", "wo ist ...?"). */
export const INTENT_FIELDS: ReadonlySet<MaterialField> = new Set(['question']);

/**
 * Indexes entries into a builder, field by field: each field of each language is analysed as one text
 * (newlines keep its strings apart), and keys go straight into the postings through one visitor, so that no
 * analysis objects are built. Entries whose material did not change since the previous build are not analysed
 * at all: search-index.ts replays their keys instead.
 */
export class EntryIndexer {
  private weight = 0;
  /** Keys of the example question being indexed, for its intent pairs; null when it has no intent. */
  private questionKeys: string[] | null = null;
  private readonly visitor: TextVisitor;

  constructor(private readonly builder: InvertedIndexBuilder) {
    const addKey = (key: string): void => {
      this.questionKeys?.push(key);
      this.builder.add(key, this.weight);
    };
    this.visitor = { term: addKey, hanSegment: (segment) => forEachHanKey(segment, addKey) };
  }

  /** Analyses one entry into the builder's current document. */
  index(entry: Entry): void {
    for (const { field, texts } of entryMaterial(entry)) {
      this.weight = FIELD_WEIGHTS[field];
      if (!INTENT_FIELDS.has(field)) {
        visitText(texts.join('\n'), this.visitor);
        continue;
      }
      // Questions with an intent are indexed one by one (for their pairs); the others together, which is faster.
      const plain: string[] = [];
      for (const text of texts) {
        const intents = mayHoldIntent(text) ? detectIntents(normalizeText(text)) : [];
        if (intents.length > 0) this.indexQuestion(text, intents.map(intentKey));
        else plain.push(text);
      }
      if (plain.length > 0) visitText(plain.join('\n'), this.visitor);
    }
  }

  /**
   * An example question with an intent also gives intent-word pairs ("?quantity|gemeinschaft" for "Wie viele
   * Gemeinschaften gibt es?"), so that the first pass can prefer the entry that is asked about this way.
   */
  private indexQuestion(text: string, intents: readonly string[]): void {
    const keys: string[] = [];
    this.questionKeys = keys;
    visitText(text, this.visitor);
    this.questionKeys = null;
    for (const intent of intents) {
      this.builder.add(intent, 1);
      for (const key of keys) this.builder.add(intentPairKey(intent, key), 1);
    }
  }
}
