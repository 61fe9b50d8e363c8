import type { Entry } from '../knowledge-base/types.js';
import { visitText, type TextVisitor } from '../text/analyze.js';
import { detectIntents, mayHoldIntent } from '../text/intents.js';
import { normalizeText } from '../text/normalize.js';
import { forEachHanKey, intentKey, intentPairKey } from './index-keys.js';
import type { InvertedIndexBuilder } from './inverted-index.js';
import { entryMaterial, FIELD_WEIGHTS, type MaterialField } from './material.js';

/** The index keys one entry contributed, with their weights, kept so that an unchanged entry is not analysed again. */
export interface EntryKeys {
  keys: string[];
  weights: number[];
}

/** Fields whose interrogatives say what the entry answers ("how many ...?", "wo ist ...?"). */
export const INTENT_FIELDS: ReadonlySet<MaterialField> = new Set(['question']);

/**
 * Indexes entries into a builder, field by field: each field of each language is analysed as one text
 * (newlines keep its strings apart), and keys go straight into the postings through one visitor, so that no
 * analysis objects are built. An entry whose searchable material is unchanged since the previous build (same
 * fingerprint) replays its recorded keys instead: a reload that changes a few entries re-analyses only those.
 */
export class EntryIndexer {
  private doc = 0;
  private weight = 0;
  private recording: EntryKeys = { keys: [], weights: [] };
  /** Keys of the example question being indexed, for its intent pairs; null when it has no intent. */
  private questionKeys: string[] | null = null;
  private readonly visitor: TextVisitor;

  constructor(private readonly builder: InvertedIndexBuilder) {
    const addKey = (key: string): void => {
      this.questionKeys?.push(key);
      this.add(key, this.weight);
    };
    this.visitor = { term: addKey, hanSegment: (segment) => forEachHanKey(segment, addKey) };
  }

  /** Indexes one entry as document `doc` and returns its keys (fresh, or replayed from `previous`). */
  index(
    doc: number,
    entry: Entry,
    previous: ReadonlyMap<string, EntryKeys> | null,
  ): { fingerprint: string; keys: EntryKeys } {
    this.doc = doc;
    this.builder.addEmptyDocument(doc);
    const groups = entryMaterial(entry).map(({ field, texts }) => ({
      field,
      texts,
      joined: texts.join('\n'),
    }));
    // The fingerprint is exactly what is analysed: same fingerprint, same keys.
    const fingerprint = groups.map(({ field, joined }) => `${field}\u0001${joined}`).join('\u0002');
    const known = previous?.get(fingerprint);
    if (known) {
      for (let i = 0; i < known.keys.length; i++) this.builder.add(doc, known.keys[i]!, known.weights[i]!);
      return { fingerprint, keys: known };
    }
    this.recording = { keys: [], weights: [] };
    for (const { field, texts, joined } of groups) {
      this.weight = FIELD_WEIGHTS[field];
      if (!INTENT_FIELDS.has(field)) {
        visitText(joined, this.visitor);
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
    return { fingerprint, keys: this.recording };
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
      this.add(intent, 1);
      for (const key of keys) this.add(intentPairKey(intent, key), 1);
    }
  }

  private add(key: string, weight: number): void {
    if (this.builder.add(this.doc, key, weight)) {
      this.recording.keys.push(key);
      this.recording.weights.push(weight);
    }
  }
}
