import type { GeneratedTopic } from './generate-kb.js';
import { createRandom, pick } from './random.js';

/** A benchmark question and the entry it is about (null: out of scope). */
export interface BenchQuestion {
  q: string;
  expect: string | null;
}

const OUT_OF_SCOPE = [
  "What's the weather in Jinan tomorrow?",
  'Can you book me a hotel in Qingdao?',
  'who won the football match',
  '今天股票涨了吗',
  '明天济南下雨吗',
  'Wie spät ist es?',
  'Wo kann ich ein Auto mieten?',
  'Quel temps fera-t-il demain ?',
  'Je veux réserver un taxi',
  'tell me a joke',
];

/** Drops one letter in the middle of the longest word: the commonest typo. */
function withTypo(text: string, random: () => number): string {
  const words = text.split(' ');
  const longest = words.reduce((best, word, i) => (word.length > words[best]!.length ? i : best), 0);
  const word = words[longest]!;
  if (word.length < 6) return text;
  const at = 1 + Math.floor(random() * (word.length - 2));
  words[longest] = word.slice(0, at) + word.slice(at + 1);
  return words.join(' ');
}

/** Questions about generated entries in four languages (some with typos), plus out-of-scope ones. */
export function generateQuestions(
  topics: readonly GeneratedTopic[],
  count: number,
  seed: number,
): BenchQuestion[] {
  const random = createRandom(seed);
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < count; i++) {
    if (topics.length === 0 || i % 10 === 9) {
      questions.push({ q: pick(random, OUT_OF_SCOPE), expect: null });
      continue;
    }
    const t = pick(random, topics);
    const org = t.organisation;
    const forms = [
      `who leads the ${org.pinyin} ${t.topic[0]} community`,
      withTypo(`${org.pinyin} ${t.topic[0]} ${t.noun[0]}`, random),
      `${org.han}${t.topic[1]}共同体在哪里`,
      `Wer leitet die ${org.pinyin} ${t.topic[2]} Gemeinschaft?`,
      `Qui dirige la communauté ${t.topic[3]} ${org.pinyin} ?`,
    ];
    questions.push({ q: pick(random, forms), expect: t.id });
  }
  return questions;
}

/** Company background as founders write it before their question: about 70 words of it. */
const BACKGROUND = [
  'Hi there, I am the co-founder of a small company with about twenty people, founded four years ago.',
  'We have our first paying customers, mostly mid-sized manufacturers, and we closed a seed round last spring.',
  'Our team came out of a university lab and we still work closely with two professors there.',
  'Next year we want to open a second site and hire more engineers for testing and production.',
  'A mentor at an incubator told us to look at the provincial programmes before we apply for anything.',
];

/**
 * The question as a long message of about 80 words: background first, the question at the end, the way
 * founders write (see ../shared/eval/README.md, kind L).
 */
export function asLongMessage(question: string): string {
  return `${BACKGROUND.join(' ')} So my question is: ${question}`;
}
