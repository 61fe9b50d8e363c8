import { foldAccents, normalizeText, truncateForAnalysis } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { commonWordLanguage } from './common-words.js';
import { LATIN_LANGUAGES, type Language, type LatinLanguage } from './languages.js';
import type { LanguageLexicon } from './lexicon.js';

/**
 * Tells the language of a message from its own evidence: Han characters for Chinese; function words,
 * diacritics and characteristic spellings for English, German and French. Returns null when the evidence is too
 * thin ("laser", "funding", "micro nano sensing"): those words are the same in every language, and the reply
 * language must then come from the user's settings instead.
 */

/** Only the start of a long message is looked at; a few hundred characters tell the language. */
const MAX_DETECTION_CHARS = 400;
/** Points needed to name a language: two independent clues, so that a single shared word is never enough. */
const MIN_EVIDENCE = 2;
/** The winner must lead the runner-up by one clue, so that "was" (en/de) alone does not decide. */
const MIN_LEAD = 1;

/** Points for a function word that belongs to one language only. */
const EXCLUSIVE_STOPWORD_POINTS = 1.5;
/**
 * Points for an everyday word of one language only ("wetter", "demain", see common-words.ts): enough on its
 * own, unlike a knowledge-base word ("laser", "funding"), because nobody borrows another language's word for
 * the weather or a restaurant. A keyword message such as "meteo a yantai demain" is told apart this way.
 */
const COMMON_WORD_POINTS = 2;

interface Clue {
  lang: LatinLanguage;
  pattern: RegExp;
  points: number;
}

// Tested on each normalised word (lower case, accents kept).
const WORD_CLUES: readonly Clue[] = [
  { lang: 'de', pattern: /[äöüß]/, points: 1 },
  { lang: 'de', pattern: /(schaft|ung|keit|heit|lich|isch)(en)?$/, points: 0.5 },
  { lang: 'de', pattern: /sch|tz|pf|[^s]st$/, points: 0.5 },
  { lang: 'fr', pattern: /[éèêàâçùûôîïëœ]/, points: 1 },
  { lang: 'fr', pattern: /(eaux?|aux|ique|iques|eur|eurs|ée|ées)$/, points: 0.5 },
  { lang: 'en', pattern: /(ing|ship|ness|ould|ough)$|^(th|wh)/, points: 0.5 },
];

// Tested on the whole normalised text.
const TEXT_CLUES: readonly Clue[] = [
  { lang: 'fr', pattern: /\b(l|d|qu|j|n|c|s)'[a-zà-ÿ]/, points: 1 },
  { lang: 'fr', pattern: /-t-(il|elle|on)\b|est-ce/, points: 1 },
  // French typography puts a space before ? ! : ; (English and German do not).
  { lang: 'fr', pattern: /\s[?!:;]/, points: 0.5 },
  { lang: 'en', pattern: /\b\w+'(s|t|re|ve|ll|d)\b/, points: 1 },
];

/** A message that is at least half Han characters is Chinese, whatever Latin words it quotes ("Haier 工业互联网"). */
const CHINESE_HAN_SHARE = 0.5;
/**
 * Below half, the Latin words decide when they can ("what does 政产学研金服用 stand for" is English); when they
 * cannot, a quarter of Han characters is still enough to call it Chinese.
 */
const MIN_HAN_SHARE = 0.25;
/**
 * Chinese grammar words (pronouns, question words and particles): a writer who uses them writes Chinese, quoting
 * English terms ("we make laser heads, 请问我们可以加入哪个共同体?"), unlike one who quotes a Chinese name in an
 * English sentence. Single characters that occur inside organisation names (有, 在, 和) are left out.
 */
const CHINESE_GRAMMAR =
  /[我你您哪吗嗎呢吧]|请问|請問|怎么|怎麼|怎样|怎樣|什么|什麼|如何|是否|可以|能否|多少|需要|想要/u;

/**
 * Points for a word that only one language's knowledge-base material has (see lexicon.ts): less than a
 * function word, because content words are quoted across languages ("Shandong Industrial Technology Research
 * Institute" in a German question).
 */
const LEXICON_POINTS = 0.75;
/** Points for a message of two or more words whose spelling clearly fits one language (see lexicon.ts). */
const SPELLING_POINTS = 1;

/**
 * The language a message is written in, or null when it cannot be told. With a lexicon (the knowledge base's
 * words per language), domain words count as clues too; a single word is still never enough on its own unless
 * it also carries a diacritic or a characteristic spelling.
 */
export function detectLanguage(text: string, lexicon?: LanguageLexicon): Language | null {
  const normalized = normalizeText(truncateForAnalysis(text, MAX_DETECTION_CHARS));
  const han = countHan(normalized);
  if (han === 0) return detectLatinLanguage(normalized, lexicon);
  const hanShare = han / (normalized.match(/\p{L}/gu)?.length ?? han);
  if (hanShare >= CHINESE_HAN_SHARE || CHINESE_GRAMMAR.test(normalized)) return 'zh';
  const latin = detectLatinLanguage(normalized.replace(/\p{Script=Han}+/gu, ' '), lexicon);
  if (latin) return latin;
  return hanShare >= MIN_HAN_SHARE ? 'zh' : null;
}

/** The languages whose function words include a word, for every such word. */
const STOPWORD_LANGUAGES: ReadonlyMap<string, readonly LatinLanguage[]> = (() => {
  const owners = new Map<string, LatinLanguage[]>();
  for (const lang of LATIN_LANGUAGES)
    for (const word of STOPWORDS[lang]) owners.set(word, [...(owners.get(word) ?? []), lang]);
  return owners;
})();

const HAN = /\p{Script=Han}/u;
/** No character below U+2E80 (the CJK radicals) is of the Han script: most text is passed over without a test. */
const FIRST_HAN_CODE = 0x2e80;

/** How many characters of the text are Han. */
function countHan(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code >= FIRST_HAN_CODE && HAN.test(String.fromCodePoint(code))) count++;
  }
  return count;
}

function detectLatinLanguage(normalized: string, lexicon: LanguageLexicon | undefined): LatinLanguage | null {
  const score: Record<LatinLanguage, number> = { en: 0, de: 0, fr: 0 };
  // Single letters ("a", "n" of 1+30+N, "t" of fera-t-il) are shared by all three languages.
  const words = (normalized.match(/\p{Script=Latin}+/gu) ?? []).filter((word) => word.length >= 2);
  const folded = words.map(foldAccents);
  words.forEach((word, i) => {
    const plain = folded[i]!;
    const owners = STOPWORD_LANGUAGES.get(plain);
    // A function word of one language only ("the", "ist", "que") says more than one shared by two ("was", "in").
    for (const lang of owners ?? []) score[lang] += owners!.length === 1 ? EXCLUSIVE_STOPWORD_POINTS : 1;
    const everyday = owners ? null : commonWordLanguage(plain);
    if (everyday) score[everyday] += COMMON_WORD_POINTS;
    const known = owners || everyday ? null : lexicon?.languageOf(plain);
    if (known) score[known] += LEXICON_POINTS;
    for (const clue of WORD_CLUES) if (clue.pattern.test(word)) score[clue.lang] += clue.points;
  });
  for (const clue of TEXT_CLUES) if (clue.pattern.test(normalized)) score[clue.lang] += clue.points;
  // Spelling is a clue for phrases only: a single word ("funding") must stay undecided unless it carries more.
  const spelled = folded.length >= 2 ? lexicon?.likeliestSpelling(folded) : null;
  if (spelled) score[spelled] += SPELLING_POINTS;
  return leader(score);
}

/** The language with the most points, when it has enough and leads the runner-up clearly. */
function leader(score: Record<LatinLanguage, number>): LatinLanguage | null {
  let best: LatinLanguage = 'en';
  let second = -Infinity;
  for (const lang of LATIN_LANGUAGES) {
    if (score[lang] > score[best]) best = lang;
  }
  for (const lang of LATIN_LANGUAGES) if (lang !== best && score[lang] > second) second = score[lang];
  if (score[best] < MIN_EVIDENCE || score[best] - second < MIN_LEAD) return null;
  return best;
}
