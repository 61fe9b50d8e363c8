/**
 * One pass over folded text that finds its words and its runs of Chinese characters. It replaces three regular
 * expressions (and the arrays they build): indexing scans every alias, keyword and example question of every
 * entry, and this is where building the index spends its time.
 */

const enum CharClass {
  Separator,
  Word,
  Han,
  Plus,
}

/** Non-ASCII letters and digits that are not Han (Cyrillic, kana, letters folding left alone). */
const OTHER_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isHanCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    code === 0x3005 ||
    code === 0x3007 ||
    (code >= 0x20000 && code <= 0x3ffff)
  );
}

function classify(text: string, i: number): CharClass {
  const code = text.charCodeAt(i);
  if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90))
    return CharClass.Word;
  if (code < 128) return code === 43 ? CharClass.Plus : CharClass.Separator;
  if (code >= 0xdc00 && code <= 0xdfff) return i > 0 ? classify(text, i - 1) : CharClass.Separator; // low surrogate
  const point = text.codePointAt(i)!;
  if (isHanCode(point)) return CharClass.Han;
  return OTHER_WORD_CHAR.test(String.fromCodePoint(point)) ? CharClass.Word : CharClass.Separator;
}

/** Receives what scanText finds (an object rather than two callbacks, so that no closures are made per text). */
export interface ScanSink {
  word(word: string): void;
  han(run: string): void;
}

/**
 * Reports every word (letters and digits; words joined by "+" without spaces, as in "1+30+n", stay one word)
 * and every run of Han characters, in text order. Anything else separates.
 */
export function scanText(text: string, sink: ScanSink): void {
  let start = 0;
  let current = CharClass.Separator;
  for (let i = 0; i <= text.length; i++) {
    let next = i < text.length ? classify(text, i) : CharClass.Separator;
    // "+" continues a word only between two word characters.
    if (next === CharClass.Plus) {
      next =
        current === CharClass.Word && i + 1 < text.length && classify(text, i + 1) === CharClass.Word
          ? CharClass.Word
          : CharClass.Separator;
    }
    if (next === current) continue;
    if (current === CharClass.Word) sink.word(text.slice(start, i));
    else if (current === CharClass.Han) sink.han(text.slice(start, i));
    start = i;
    current = next;
  }
}
