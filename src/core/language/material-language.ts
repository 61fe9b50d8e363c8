import type { Entry } from '../knowledge-base/schema.js';
import { foldForMatching, truncateForAnalysis } from '../text/normalize.js';
import { isStopword } from '../text/stopwords.js';

/**
 * The language of the knowledge-base material that a keyword message matched: "Kugellager" is a German keyword
 * of the bearing community, "internet industriel" its French alias, so a message made of them is German or
 * French even though no function word says so. Only German and French are told this way: English words
 * ("funding", "laser", "composites") are typed by speakers of every language, so a word that the entry's
 * English material also has is no evidence, and English material alone decides nothing (the Telegram
 * language_code or DEFAULT_LANGUAGE do).
 */
type MaterialLanguage = 'de' | 'fr';
const CANDIDATES: readonly MaterialLanguage[] = ['de', 'fr'];

/** Folded words and adjacent word pairs ("industrie internet") of one language's material of an entry. */
interface LanguageWords {
  words: ReadonlySet<string>;
  pairs: ReadonlySet<string>;
}

type EntryVocabularies = Record<'en' | MaterialLanguage, LanguageWords>;

// Entries are immutable once loaded; each is read at most once, and only when a message matched it.
const vocabularies = new WeakMap<Entry, EntryVocabularies>();

/** Only the start of a message is compared; keyword messages are short. */
const MAX_CHARS = 200;

/**
 * German or French when the message's words (and word pairs) that the entry's material holds in that language,
 * and not in English, outnumber those of the other; null otherwise.
 */
export function materialLanguage(text: string, entry: Entry): MaterialLanguage | null {
  const words = contentWords(truncateForAnalysis(text, MAX_CHARS));
  if (words.length === 0) return null;
  const vocabulary = vocabulariesOf(entry);
  const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  const evidence = (lang: MaterialLanguage): number =>
    countOnlyIn(words, vocabulary[lang].words, vocabulary.en.words) +
    countOnlyIn(pairs, vocabulary[lang].pairs, vocabulary.en.pairs);
  const [de, fr] = CANDIDATES.map(evidence) as [number, number];
  if (de > fr) return 'de';
  if (fr > de) return 'fr';
  return null;
}

function countOnlyIn(
  items: readonly string[],
  own: ReadonlySet<string>,
  english: ReadonlySet<string>,
): number {
  let count = 0;
  for (const item of items) if (own.has(item) && !english.has(item)) count++;
  return count;
}

/** Folded Latin words of two or more letters that are not function words, in order. */
function contentWords(text: string): string[] {
  return foldForMatching(text)
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 2 && !isStopword(word));
}

function vocabulariesOf(entry: Entry): EntryVocabularies {
  let found = vocabularies.get(entry);
  if (!found) {
    const of = (lang: 'en' | MaterialLanguage): LanguageWords => {
      const search = entry.search[lang];
      const strings = [
        entry.title[lang],
        ...(search?.aliases ?? []),
        ...(search?.keywords ?? []),
        ...(search?.questions ?? []),
      ];
      const words = new Set<string>();
      const pairs = new Set<string>();
      for (const string of strings) {
        const list = contentWords(string);
        list.forEach((word, i) => {
          words.add(word);
          if (i > 0) pairs.add(`${list[i - 1]} ${word}`);
        });
      }
      return { words, pairs };
    };
    found = { en: of('en'), de: of('de'), fr: of('fr') };
    vocabularies.set(entry, found);
  }
  return found;
}
