import type { Entry, KnowledgeBase } from '../../src/core/knowledge-base/schema.js';
import type { Language } from '../../src/core/language/languages.js';
import { createRandom, pick } from './random.js';
import { CITIES, NOUNS, QUALIFIERS, SYLLABLES, TOPICS, type Word } from './vocabulary.js';

/**
 * Generated knowledge bases for the benchmark: plausible community entries in four languages, built from
 * parallel word lists (qualifier, industry, field, city) and invented organisation names, deterministic for a
 * seed. The shipped entries come first, so the evaluation questions can still be asked at every size.
 */

type ByLanguage = Record<Language, string>;

/** What a generated entry is about, kept so that questions can be asked about it. */
export interface GeneratedTopic {
  id: string;
  organisation: { pinyin: string; han: string };
  topic: Word;
  noun: Word;
  city: Word;
}

export interface GeneratedKnowledgeBase {
  kb: KnowledgeBase;
  topics: GeneratedTopic[];
}

const at = (word: Word): ByLanguage => ({ en: word[0], zh: word[1], de: word[2], fr: word[3] });

function organisationName(random: () => number): { pinyin: string; han: string } {
  const parts = [pick(random, SYLLABLES), pick(random, SYLLABLES), pick(random, SYLLABLES)];
  const pinyin = parts.map(([p]) => p).join('');
  return { pinyin: pinyin[0] + pinyin.slice(1).toLowerCase(), han: parts.map(([, h]) => h).join('') };
}

function generateEntry(index: number, random: () => number): { entry: Entry; topic: GeneratedTopic } {
  const id = `gen-${String(index).padStart(6, '0')}`;
  const [q, t, n, c] = [
    at(pick(random, QUALIFIERS)),
    pick(random, TOPICS),
    pick(random, NOUNS),
    pick(random, CITIES),
  ];
  const [tw, nw, cw] = [at(t), at(n), at(c)];
  const org = organisationName(random);
  const title: ByLanguage = {
    en: `${q.en} ${tw.en} ${nw.en} Community, ${cw.en}`,
    zh: `${cw.zh}${q.zh}${tw.zh}${nw.zh}创新创业共同体`,
    de: `Gemeinschaft ${q.de} ${tw.de} und ${nw.de}, ${cw.de}`,
    fr: `Communauté ${nw.fr} ${tw.fr} ${q.fr}, ${cw.fr}`,
  };
  const lead: ByLanguage = {
    en: `${org.pinyin} ${tw.en} Group`,
    zh: `${org.han}${tw.zh}集团`,
    de: `${org.pinyin} ${tw.de} Gruppe`,
    fr: `Groupe ${org.pinyin} ${tw.fr}`,
  };
  const material = (lang: Language) => ({
    aliases: [`${tw[lang]} ${nw[lang]}`, lang === 'zh' ? `${org.han}共同体` : `${org.pinyin} ${tw[lang]}`],
    questions: {
      en: [
        `Who leads the ${tw.en} ${nw.en} community in ${cw.en}?`,
        `What does the ${org.pinyin} community do?`,
      ],
      zh: [`${cw.zh}${tw.zh}共同体由谁牵头`, `${org.han}共同体是做什么的`],
      de: [`Wer leitet die ${tw.de}-Gemeinschaft in ${cw.de}?`, `Was macht die ${org.pinyin}-Gemeinschaft?`],
      fr: [`Qui dirige la communauté ${tw.fr} de ${cw.fr} ?`, `Que fait la communauté ${org.pinyin} ?`],
    }[lang],
    keywords: [tw[lang], nw[lang], q[lang], lang === 'zh' ? org.han : org.pinyin],
  });
  const entry: Entry = {
    id,
    kind: 'community',
    title,
    answer: {
      en: `The ${title.en} is led by ${lead.en} in ${cw.en}.`,
      zh: `${title.zh}由${lead.zh}牵头，位于${cw.zh}。`,
      de: `Die ${title.de} wird von ${lead.de} in ${cw.de} geführt.`,
      fr: `La ${title.fr} est dirigée par ${lead.fr}, à ${cw.fr}.`,
    },
    search: { en: material('en'), zh: material('zh'), de: material('de'), fr: material('fr') },
    facts: { city: cw, leadOrganisation: lead, batch: 1 + (index % 3) },
    sources: [{ url: `https://example.org/communities/${id}`, date: '2024-01-01' }],
    related: [],
  };
  return { entry, topic: { id, organisation: org, topic: t, noun: n, city: c } };
}

/** A knowledge base of exactly `size` entries: the base's entries first, then generated ones. */
export function generateKnowledgeBase(
  size: number,
  seed: number,
  base?: KnowledgeBase,
): GeneratedKnowledgeBase {
  const random = createRandom(seed);
  const entries: Entry[] = [...(base?.entries ?? [])].slice(0, size);
  const topics: GeneratedTopic[] = [];
  for (let index = entries.length; index < size; index++) {
    const generated = generateEntry(index, random);
    entries.push(generated.entry);
    topics.push(generated.topic);
  }
  return { kb: { version: `generated-${size}-${seed}`, entries }, topics };
}
