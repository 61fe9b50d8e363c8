import { HAN_FUNCTION_CHARS, HAN_STOP_PHRASES } from './stopwords.js';

/**
 * Chinese has no spaces, and fuse.js compares characters, so Chinese text is searched by overlapping character
 * bigrams: 激光装备 gives 激光, 光装, 装备. A question matches an entry where they share bigrams, whatever the
 * word boundaries are. Function phrases (什么, 在哪里 ...) are cut out first so they never count as content.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
/** First characters of the stop phrases: most characters start none, and need no phrase comparison. */
const STOP_PHRASE_STARTS: ReadonlySet<string> = new Set(HAN_STOP_PHRASES.map((p) => p[0]!));

/** The runs of Han characters in a text, in order. */
export function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

/** Splits a Han run at every stop phrase (longest first) and returns the remaining non-empty segments. */
export function cutStopPhrases(run: string): string[] {
  const segments: string[] = [];
  let current = '';
  let i = 0;
  while (i < run.length) {
    const phrase = STOP_PHRASE_STARTS.has(run[i]!)
      ? HAN_STOP_PHRASES.find((p) => run.startsWith(p, i))
      : undefined;
    if (phrase) {
      if (current) segments.push(current);
      current = '';
      i += phrase.length;
    } else {
      current += run[i];
      i += 1;
    }
  }
  if (current) segments.push(current);
  return segments;
}

/** Overlapping two-character grams of a segment; a one-character segment gives nothing. */
export function hanBigrams(segment: string): string[] {
  const chars = [...segment];
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}

/** True for grammatical single characters that should not count as content on their own. */
export function isHanFunctionChar(char: string): boolean {
  return HAN_FUNCTION_CHARS.has(char);
}
