/**
 * `npm run fit:decision`: fits the answer decision (src/core/answer/decision-model.ts) on labelled questions.
 * Every in-scope question gives one example, "the best hit is right" (1) or not (0); every out-of-scope
 * question one example labelled 0. A logistic regression over the features of decision-features.ts gives the
 * probability that the best hit is right; the thresholds are then set where the wrong answers among the
 * questions above them stay rare. Prints the figures on the held-out set, which is never used for fitting.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { decisionFeatures, FEATURE_NAMES, featureVector } from '../core/answer/decision-features.js';
import { parseEvalCases } from '../core/answer/evaluate.js';
import { loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import { readQuestion } from '../core/search/read-question.js';
import { buildSearchIndex, type SearchIndex } from '../core/search/search-index.js';
import { searchEntries } from '../core/search/search.js';
import { fitLogistic, thresholdFor, type Example } from './fit/logistic.js';

const TRAINING = [
  '../shared/eval/dev.jsonl',
  '../shared/eval/realistic.jsonl',
  'test/fixtures/search/holdout.jsonl',
  'test/fixtures/eval/blind.jsonl',
  'test/fixtures/eval/blind2.jsonl',
];
const HELD_OUT = 'test/fixtures/eval/blind3.jsonl';
const MODEL_FILE = 'src/core/answer/decision-model.ts';
/** Among questions answered plainly, at most this share may be wrong or out of scope. */
const ANSWER_ERROR_RATE = 0.02;
/** Among questions answered as "this looks like it", at most this share. */
const LIKELY_ERROR_RATE = 0.08;
/** At most this share of out-of-scope questions may get a likely answer, half of it a plain one. */
const OUT_OF_SCOPE_RATE = 0.04;
/**
 * Below this probability a candidate is not even worth suggesting: on the labelled sets it keeps nine in ten
 * out-of-scope questions from silly "did you mean" choices and still offers the right entry to 97 in 100 of
 * the in-scope questions that have it among the first three.
 */
const SUGGEST_PROBABILITY = 0.35;

function examples(index: SearchIndex, file: string): Example[] {
  const { cases, errors } = parseEvalCases(readFileSync(file, 'utf8'));
  if (errors.length > 0) throw new Error(`${file}: ${errors[0]}`);
  return cases.flatMap(({ case: c }) => {
    const result = searchEntries(index, readQuestion(index, c.q).search);
    const features = decisionFeatures(result);
    // A question with no hit at all is never answered, whatever the model: it teaches the model nothing.
    if (!features) return [];
    const right = c.expect !== null && [c.expect].flat().includes(result.hits[0]!.entry.id);
    return [{ x: featureVector(features), y: right ? 1 : 0, outOfScope: c.expect === null }];
  });
}

const loaded = await loadKnowledgeBaseFile('data/knowledge-base.json');
if (!loaded.ok) throw new Error('the knowledge base is invalid: run npm run kb:check');
const index = buildSearchIndex(loaded.kb.entries);
const training = TRAINING.flatMap((file) => examples(index, file));
const model = fitLogistic(training);
const answer = thresholdFor(model, training, ANSWER_ERROR_RATE, OUT_OF_SCOPE_RATE / 2);
const likely = Math.min(answer, thresholdFor(model, training, LIKELY_ERROR_RATE, OUT_OF_SCOPE_RATE));
const thresholds = { answer, likely, suggest: Math.min(likely, SUGGEST_PROBABILITY) };

const round = (values: readonly number[]): number[] => values.map((v) => Math.round(v * 1e6) / 1e6);
const source = `// Written by \`npm run fit:decision\` (src/cli/fit-decision.ts) from ${training.length} labelled questions; refit
// rather than edit: the numbers only mean something together.
export const DECISION_MODEL = {
  features: ${JSON.stringify(FEATURE_NAMES)},
  means: ${JSON.stringify(round(model.means))},
  scales: ${JSON.stringify(round(model.scales))},
  weights: ${JSON.stringify(round(model.weights))},
  bias: ${round([model.bias])[0]},
  thresholds: ${JSON.stringify(Object.fromEntries(Object.entries(thresholds).map(([k, v]) => [k, round([v])[0]])))},
} as const;
`;
writeFileSync(
  MODEL_FILE,
  await format(source, { ...(await resolveConfig(MODEL_FILE)), filepath: MODEL_FILE }),
);
console.log(`fitted on ${training.length} questions; thresholds ${JSON.stringify(thresholds)}`);
for (const [name, set] of [
  ['training', training],
  ['held out', examples(index, HELD_OUT)],
] as const) {
  const p = set.map((e) => model.predict(e.x));
  const answered = set.filter((_, i) => p[i]! >= thresholds.likely);
  const right = answered.filter((e) => e.y === 1).length;
  const inScope = set.filter((e) => !e.outOfScope).length;
  const oos = set.filter((e) => e.outOfScope);
  const oosAnswered = oos.filter((e) => model.predict(e.x) >= thresholds.likely).length;
  console.log(
    `${name}: answered right ${right}/${inScope}, wrong ${answered.length - right}, out of scope answered ${oosAnswered}/${oos.length}`,
  );
}
