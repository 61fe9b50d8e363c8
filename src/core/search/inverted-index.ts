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
 * Collects postings document by document: all keys of one document are added before the next document's,
 * in increasing document order. A key added twice for a document keeps its best weight.
 */
export class InvertedIndexBuilder {
  private readonly lists = new Map<string, { docs: number[]; weights: number[] }>();
  private size = 0;

  /** Adds a key to the current document; true when that changed anything (a new key, or a better weight). */
  add(doc: number, key: string, weight: number): boolean {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { docs: [], weights: [] }));
    const last = list.docs.length - 1;
    if (last >= 0 && list.docs[last] === doc) {
      if (list.weights[last]! >= weight) return false;
      list.weights[last] = weight;
      return true;
    }
    list.docs.push(doc);
    list.weights.push(weight);
    if (doc >= this.size) this.size = doc + 1;
    return true;
  }

  /** Counts a document that may have no keys at all, so that the index size stays right. */
  addEmptyDocument(doc: number): void {
    if (doc >= this.size) this.size = doc + 1;
  }

  build(): InvertedIndex {
    const postings = new Map<string, Postings>();
    for (const [key, list] of this.lists) {
      postings.set(key, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights) });
    }
    this.lists.clear();
    const size = this.size;
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
}
