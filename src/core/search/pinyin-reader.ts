import { pinyin } from 'pinyin-pro';
import { foldForMatching } from '../text/normalize.js';

/**
 * Reads toneless pinyin as the Chinese it stands for ("gongtongti", "jiguang zhuangbei", "ji guang"), using
 * only the knowledge base's own Chinese words: every pair of neighbouring characters in the Chinese material
 * is indexed under its reading ("ji|guang" -> 激光). A run of pinyin becomes Chinese where each of its
 * syllables links to a neighbour through such a pair, so that the Chinese search sees 激光装备 and English words
 * that happen to be syllables ("can", "he") are left alone unless they form a known word with a neighbour.
 */
export interface PinyinReader {
  /** The text with its pinyin words replaced by Chinese, or null when it holds no pinyin that reads as known words. */
  read(text: string): string | null;
}

const HAN_PAIR = /^\p{Script=Han}{2}$/u;
const LATIN_RUN = /[a-z]+(?:[ '-][a-z]+)*/g;
/** Longest pinyin syllable ("zhuang", "shuang"). */
const MAX_SYLLABLE = 6;

/**
 * Builds the reader from Chinese strings. `isKnownWord` tells words the search already knows as they are
 * (Qingdao, Jinan, laser): those are never read as pinyin.
 */
export function buildPinyinReader(
  chineseTexts: Iterable<string>,
  isKnownWord: (word: string) => boolean,
): PinyinReader {
  const pairs = new Map<string, Map<string, number>>();
  const syllables = new Set<string>();
  for (const text of chineseTexts) {
    const chars = [...text];
    const readings = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
    if (readings.length !== chars.length) continue;
    for (let i = 0; i + 1 < chars.length; i++) {
      const gram = chars[i]! + chars[i + 1]!;
      if (!HAN_PAIR.test(gram)) continue;
      const key = `${readings[i]}|${readings[i + 1]}`;
      syllables.add(readings[i]!).add(readings[i + 1]!);
      const counts = pairs.get(key) ?? new Map<string, number>();
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
      pairs.set(key, counts);
    }
  }
  const bigramOf = new Map<string, string>();
  for (const [key, counts] of pairs) {
    bigramOf.set(key, [...counts].sort((a, b) => b[1] - a[1])[0]![0]);
  }
  return {
    read(text) {
      if (bigramOf.size === 0) return null;
      const folded = foldForMatching(text);
      let changed = false;
      const out = folded.replace(LATIN_RUN, (run) => {
        const han = readRun(run, { syllables, bigramOf, isKnownWord });
        if (han === null) return run;
        changed = true;
        return han;
      });
      return changed ? out : null;
    },
  };
}

interface Dictionary {
  syllables: ReadonlySet<string>;
  bigramOf: ReadonlyMap<string, string>;
  isKnownWord: (word: string) => boolean;
}

/**
 * A run of Latin words as Chinese: each word is cut into syllables, neighbouring syllables that form a known
 * pair become its characters. Other words that cut into syllables are dropped as filler; words that are not
 * pinyin stay as they were, separated from the Chinese by spaces.
 */
function readRun(run: string, dict: Dictionary): string | null {
  const words = run.split(/[ '-]/);
  const cuts = words.map((word) => (dict.isKnownWord(word) ? null : cutSyllables(word, dict)));
  const flat: { syllable: string; word: number }[] = [];
  cuts.forEach((cut, w) => cut?.forEach((syllable) => flat.push({ syllable, word: w })));
  const links = flat.map((s, i) => {
    const next = flat[i + 1];
    if (!next || (next.word !== s.word && next.word !== s.word + 1)) return null;
    return dict.bigramOf.get(`${s.syllable}|${next.syllable}`) ?? null;
  });
  const linked = flat.map((_, i) => links[i] !== null || (i > 0 && links[i - 1] !== null));
  const wholeWord = words.map((_, w) => {
    const own = flat.map((s, i) => ({ s, i })).filter(({ s }) => s.word === w);
    return own.length > 0 && own.every(({ i }) => linked[i]);
  });
  if (!wholeWord.some(Boolean)) return null;
  const parts: string[] = [];
  let chain = '';
  let lastLink = -2;
  links.forEach((gram, i) => {
    if (gram === null || !wholeWord[flat[i]!.word] || !wholeWord[flat[i + 1]!.word]) return;
    if (lastLink === i - 1 && chain.endsWith(gram[0]!)) chain += gram[1];
    else {
      if (chain) parts.push(chain);
      chain = gram;
    }
    lastLink = i;
  });
  if (chain) parts.push(chain);
  // Syllables that formed no known word ("wo xiang") are pinyin filler once the run is known to be pinyin.
  const kept = words.filter((_, w) => !wholeWord[w] && cuts[w] === null);
  return ` ${[...parts, ...kept].join(' ')} `;
}

/**
 * The word cut into known syllables, preferring the cut with the most links to known pairs, then the fewest
 * syllables ("xian" is one syllable unless "xi an" makes a known word); null when it cannot be cut.
 */
function cutSyllables(word: string, dict: Dictionary): string[] | null {
  if (word.length > 40) return null;
  // best[i]: the best cut of word.slice(0, i), as [links, -syllables, syllables].
  const best: ([number, number, string[]] | null)[] = [[0, 0, []]];
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let len = 1; len <= MAX_SYLLABLE && len <= end; len++) {
      const before = best[end - len];
      const syllable = word.slice(end - len, end);
      if (!before || !dict.syllables.has(syllable)) continue;
      const last = before[2].at(-1);
      const link = last !== undefined && dict.bigramOf.has(`${last}|${syllable}`) ? 1 : 0;
      const candidate: [number, number, string[]] = [
        before[0] + link,
        before[1] - 1,
        [...before[2], syllable],
      ];
      const current = best[end];
      if (!current || candidate[0] > current[0] || (candidate[0] === current[0] && candidate[1] > current[1]))
        best[end] = candidate;
    }
  }
  return best[word.length]?.[2] ?? null;
}
