import { isCommonTerm } from '../language/common-words.js';
import { isTraditional, toSimplified } from '../text/chinese-script.js';
import { conceptTerms } from '../text/concepts.js';
import { isStopword } from '../text/stopwords.js';
import { buildPinyinReader, type PinyinReader } from './pinyin-reader.js';
import type { SearchIndex } from './search-index.js';

/** A question as the search reads it, and how it was written, which the reply follows. */
export interface ReadQuestion {
  /** Simplified Chinese for traditional characters, Chinese for the pinyin of known words. */
  text: string;
  /** The text with the canonical words of the general ideas it expresses ("get my firm in": join), to search. */
  search: string;
  /** Written in traditional characters: the reply is converted back. */
  traditional: boolean;
  /** Some of it was pinyin read as Chinese. */
  pinyin: boolean;
}

// One reader per index, made when the first question needs it (a few milliseconds per thousand entries).
const readers = new WeakMap<SearchIndex, PinyinReader>();

function readerFor(index: SearchIndex): PinyinReader {
  let reader = readers.get(index);
  if (!reader) {
    const chinese = index.entries.flatMap((entry) => {
      const search = entry.search.zh;
      return [
        entry.title.zh,
        ...(search?.aliases ?? []),
        ...(search?.keywords ?? []),
        ...(search?.questions ?? []),
        entry.facts?.leadOrganisation?.zh ?? '',
        entry.facts?.city?.zh ?? '',
      ];
    });
    const { postings } = index.inverted;
    reader = buildPinyinReader(
      chinese,
      (word) => postings.has(word) || isStopword(word) || isCommonTerm(word),
    );
    readers.set(index, reader);
  }
  return reader;
}

const LATIN_LETTER = /[a-z]/i;

/**
 * Reads a question the way the knowledge base is written: traditional characters and Taiwan/Hong Kong
 * wording as simplified Chinese (OpenCC), toneless pinyin of the knowledge base's Chinese words as Chinese,
 * and paraphrases of general ideas with the words the material uses for them (see concepts.ts).
 */
export function readQuestion(index: SearchIndex, question: string): ReadQuestion {
  const simplified = toSimplified(question);
  const traditional = simplified !== question && isTraditional(question, simplified);
  const fromPinyin = LATIN_LETTER.test(simplified) ? readerFor(index).read(simplified) : null;
  const text = fromPinyin ?? simplified;
  const concepts = conceptTerms(text);
  return { text, search: concepts ? `${text} ${concepts}` : text, traditional, pinyin: fromPinyin !== null };
}
