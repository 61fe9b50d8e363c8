/** For one key: the documents holding it, and how strongly (the best field weight it appears with). */
export interface Postings {
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

/** Maps index keys to documents; answers document frequency and inverse document frequency. */
export interface InvertedIndex {
  readonly size: number;
  readonly postings: ReadonlyMap<string, Postings>;
  /** ln(1 + N/df): rare keys weigh more. A key no document holds gets unseenIdf. */
  idf(key: string): number;
  /**
   * The weight of a word that no entry knows. It is as high as the rarest known word: an unknown word in a
   * question ("weather", "demain") is strong evidence that the question is about something else.
   */
  readonly unseenIdf: number;
}

/**
 * Each document's keys (ids into `keys`, each once, in the order they were first added) with their best weights:
 * what a later build replays for a document whose material did not change, without analysing or hashing again.
 */
export interface ForwardIndex {
  readonly keys: readonly string[];
  /** Document d's keys are at [offsets[d], offsets[d + 1]) of keyIds and weights. */
  readonly offsets: Int32Array;
  readonly keyIds: Int32Array;
  readonly weights: Float32Array;
}

/**
 * Collects keys document by document (documents 0, 1, 2 ... in turn). A key added twice to a document keeps its
 * best weight. Keys get ids in the order they first appear, so the postings map iterates in that order, whether
 * documents were analysed or replayed.
 */
export class InvertedIndexBuilder {
  private readonly idOf = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Per key id: the last document that added it, and where in keyIds that document holds it. */
  private lastDoc = new Int32Array(1024);
  private slot = new Int32Array(1024);
  /** Every document's keys in turn (typed arrays that grow, because a replay copies hundreds of thousands). */
  private keyIds: Int32Array;
  private weights: Float32Array;
  private length = 0;
  private readonly offsets: number[] = [0];
  /** Per replayed forward index: its key ids mapped to this build's (-1 until first seen). */
  private readonly remaps = new Map<ForwardIndex, Int32Array>();

  /** `expectedKeys`: about how many keys all documents will have (the previous build's count), to allocate once. */
  constructor(expectedKeys = 0) {
    const capacity = Math.max(4096, Math.ceil(expectedKeys * 1.05));
    this.keyIds = new Int32Array(capacity);
    this.weights = new Float32Array(capacity);
  }

  /** Starts the next document: the keys added from now on go to it. */
  startDocument(): void {
    this.offsets.push(this.length);
  }

  /** Adds a key to the current document (or raises its weight there). */
  add(key: string, weight: number): void {
    const doc = this.offsets.length - 2;
    const id = this.idFor(key);
    if (this.lastDoc[id] === doc) {
      const at = this.slot[id]!;
      if (this.weights[at]! < Math.fround(weight)) this.weights[at] = weight;
      return;
    }
    this.lastDoc[id] = doc;
    this.slot[id] = this.length;
    this.reserve(1);
    this.keyIds[this.length] = id;
    this.weights[this.length++] = weight;
    this.offsets[doc + 1] = this.length;
  }

  /** Gives the current (empty) document the keys that document `doc` of an earlier build had. */
  replay(previous: ForwardIndex, doc: number): void {
    let remap = this.remaps.get(previous);
    if (!remap) this.remaps.set(previous, (remap = new Int32Array(previous.keys.length).fill(-1)));
    const from = previous.offsets[doc]!;
    const count = previous.offsets[doc + 1]! - from;
    this.reserve(count);
    const { keyIds, weights } = this;
    for (let i = 0; i < count; i++) {
      const old = previous.keyIds[from + i]!;
      let id = remap[old]!;
      if (id < 0) id = remap[old] = this.idFor(previous.keys[old]!);
      // A replayed document holds each key once, so no later add() to it needs lastDoc or slot.
      keyIds[this.length + i] = id;
    }
    weights.set(previous.weights.subarray(from, from + count), this.length);
    this.length += count;
    this.offsets[this.offsets.length - 1] = this.length;
  }

  private idFor(key: string): number {
    let id = this.idOf.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.idOf.set(key, id);
      this.keys.push(key);
      if (id === this.lastDoc.length) {
        this.lastDoc = grow(this.lastDoc, id + 1);
        this.slot = grow(this.slot, id + 1);
      }
      this.lastDoc[id] = -1;
    }
    return id;
  }

  private reserve(count: number): void {
    if (this.length + count <= this.keyIds.length) return;
    this.keyIds = grow(this.keyIds, this.length + count);
    this.weights = grow(this.weights, this.length + count);
  }

  /** The index, and the forward index a later build can replay documents from. */
  build(): { inverted: InvertedIndex; forward: ForwardIndex } {
    const forward: ForwardIndex = {
      keys: this.keys,
      offsets: new Int32Array(this.offsets),
      keyIds: this.keyIds.slice(0, this.length),
      weights: this.weights.slice(0, this.length),
    };
    return { inverted: invert(forward), forward };
  }
}

/** A copy of a typed array with room for at least `needed` items (doubling, so that appends stay linear). */
function grow<T extends Int32Array | Float32Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Turns per-document keys into per-key postings (one counting pass, one filling pass, shared arrays). */
function invert(forward: ForwardIndex): InvertedIndex {
  const { keys, offsets, keyIds, weights } = forward;
  const starts = new Int32Array(keys.length + 1);
  for (let i = 0; i < keyIds.length; i++) starts[keyIds[i]! + 1]!++;
  for (let id = 0; id < keys.length; id++) starts[id + 1]! += starts[id]!;
  const next = starts.slice(0, keys.length);
  const docs = new Int32Array(keyIds.length);
  const docWeights = new Float32Array(keyIds.length);
  const size = offsets.length - 1;
  for (let doc = 0; doc < size; doc++) {
    for (let i = offsets[doc]!; i < offsets[doc + 1]!; i++) {
      const at = next[keyIds[i]!]!++;
      docs[at] = doc;
      docWeights[at] = weights[i]!;
    }
  }
  const postings = new Map<string, Postings>();
  keys.forEach((key, id) => {
    const from = starts[id]!;
    const to = starts[id + 1]!;
    postings.set(key, { docs: docs.subarray(from, to), weights: docWeights.subarray(from, to) });
  });
  const unseenIdf = Math.log(1 + size);
  return {
    size,
    postings,
    unseenIdf,
    idf: (key) => {
      const df = postings.get(key)?.docs.length ?? 0;
      return df === 0 ? unseenIdf : Math.log(1 + size / df);
    },
  };
}
