import { Converter, type ConverterFunction } from 'opencc-js';

/**
 * Traditional and simplified Chinese, through OpenCC's dictionaries (opencc-js): Taiwan and Hong Kong
 * wording is read as the mainland's (雷射 -> 激光, 奈米 -> 纳米, 軟體 -> 软件), because the knowledge base
 * is written in simplified characters; an answer goes back in traditional characters to whoever wrote in
 * them. The converters load dictionaries of several megabytes (about half a second), so each is made the
 * first time it is needed: most processes never see a traditional character.
 */

let toMainland: ConverterFunction | undefined;
let toTaiwan: ConverterFunction | undefined;

const HAN = /\p{Script=Han}/u;

/** The text with traditional characters and Taiwan/Hong Kong phrases in their simplified mainland form. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  toMainland ??= Converter({ from: 'twp', to: 'cn' });
  return toMainland(text);
}

/** Simplified text in traditional characters with Taiwan phrasing, for a reader who writes that way. */
export function toTraditional(text: string): string {
  if (!HAN.test(text)) return text;
  toTaiwan ??= Converter({ from: 'cn', to: 'twp' });
  return toTaiwan(text);
}

/**
 * True when the text is written in traditional characters: converting it to simplified changes at least
 * two characters, or a fifth of its Han characters when it is short (a single shared variant such as 著 is
 * not enough to tell).
 */
export function isTraditional(text: string, simplified = toSimplified(text)): boolean {
  if (simplified === text) return false;
  let han = 0;
  let changed = 0;
  const a = [...text];
  const b = [...simplified];
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) {
    if (!HAN.test(a[i]!)) continue;
    han++;
    if (a[i] !== b[i]) changed++;
  }
  return changed >= 2 || changed * 5 >= han;
}
