import type { TextAnalysis } from '../text/analyze.js';
import { hanBigrams } from '../text/han.js';
import type { Intent } from '../text/intents.js';

/**
 * The keys under which analysed text is indexed: Latin-script terms as they are, Han bigrams, and a Han
 * character that stands alone between function words or punctuation (钱 in 多少钱, 号 in 49号): a one-character
 * word. Han keys and Latin terms never collide: a Latin term has no Han character in it.
 */
export function contentKeys(analysis: TextAnalysis): string[] {
  const keys = [...analysis.terms];
  for (const segment of analysis.hanSegments) forEachHanKey(segment, (key) => keys.push(key));
  return keys;
}

const SURROGATE = /[\ud800-\udfff]/;

/** The keys of one Han segment: the character itself when it stands alone, otherwise its bigrams. */
export function forEachHanKey(segment: string, visit: (key: string) => void): void {
  if (SURROGATE.test(segment)) {
    const grams = hanBigrams(segment);
    if (grams.length === 0) visit(segment);
    else grams.forEach(visit);
  } else if (segment.length === 1) {
    visit(segment);
  } else {
    for (let i = 0; i + 1 < segment.length; i++) visit(segment.slice(i, i + 2));
  }
}

/** Intent markers start with "?", which the analyser never leaves in a term. */
export function intentKey(intent: Intent): string {
  return `?${intent}`;
}

/** An intent marker paired with a word of the same example question ("?quantity|community"). */
export function intentPairKey(intentMarker: string, key: string): string {
  return `${intentMarker}|${key}`;
}
