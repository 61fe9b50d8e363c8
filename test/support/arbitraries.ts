import fc from 'fast-check';

/** Names every plain object answers to, and other words that have broken lookups somewhere. */
export const HOSTILE_WORDS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'then',
];

/** Pieces people, phones and attackers put in messages: scripts, marks, HTML, emoji, odd spaces. */
const PIECES = [
  ...HOSTILE_WORDS,
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '&lt;b&gt;',
  '<b>',
  '</i>',
  '<a href="x">',
  '😀',
  '👨‍👩‍👧',
  '\u0301',
  '\u200b',
  '\u00a0',
  '\u3000',
  '\t',
  '\n',
  '\r\n',
  '\uD800',
  '\uDC00',
  '\uFEFF',
  '１＋３０＋Ｎ',
  '1+30+N',
  '共同体',
  '创新创业',
  '？',
  'Förderung',
  'communauté',
  'ß',
  'İ',
  'ﬁ',
  'laser',
  'community',
  ':',
  '/',
  '@',
  ' ',
  '%',
  '\\',
];

/** Text as users write it, and worse: a mix of PIECES and arbitrary Unicode. */
export function userText(maxLength = 200): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  );
  return fc
    .array(piece, { maxLength: Math.max(1, Math.ceil(maxLength / 4)) })
    .map((parts) => parts.join('').slice(0, maxLength));
}

/** Telegram client language codes: real ones, malformed ones and hostile words. */
export const languageCode = fc.oneof(
  fc.constantFrom('en', 'zh-hans', 'de-AT', 'fr-CA', 'pt-BR', '', 'ZH_tw', 'cmn', 'gsw', ...HOSTILE_WORDS),
  fc.string({ maxLength: 12 }),
);
