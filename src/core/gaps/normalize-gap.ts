import { normalizeText } from '../text/normalize.js';

/** Longest normalised text kept (code points); longer questions are counted by their beginning. */
export const MAX_GAP_TEXT_CHARS = 200;

/** Longest example phrasing kept (code points). */
export const MAX_GAP_EXAMPLE_CHARS = 500;

/**
 * The form gaps are counted by: width, case, apostrophes, punctuation, symbols and spacing do not matter, so that
 * "How do I join?" and "how do i join" are one question; accents stay (they tell German from French). Empty when
 * nothing countable is left (a message of emoji, say).
 */
export function normalizeGapText(text: string): string {
  const plain = normalizeText(text)
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return takeCodePoints(plain, MAX_GAP_TEXT_CHARS).trim();
}

/** The user's phrasing, trimmed to one readable line of bounded length. */
export function gapExample(text: string): string {
  return takeCodePoints(text.replace(/\s+/g, ' ').trim(), MAX_GAP_EXAMPLE_CHARS);
}

function takeCodePoints(text: string, max: number): string {
  if (text.length <= max) return text;
  return [...text].slice(0, max).join('');
}
