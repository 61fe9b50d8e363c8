// Written by `npm run fit:decision` (src/cli/fit-decision.ts) from 565 labelled questions; refit
// rather than edit: the numbers only mean something together.
export const DECISION_MODEL = {
  features: [
    'coverage',
    'score',
    'margin',
    'evidence',
    'strongest',
    'similarity',
    'matchedUnits',
    'length',
    'offTopic',
  ],
  means: [0.747942, 0.731058, 0.545042, 2.248011, 0.919198, 0.672176, 1.545289, 1.7774, 0.331519],
  scales: [0.310838, 0.279857, 0.372293, 0.639537, 0.140989, 0.270225, 0.570316, 0.646245, 0.821109],
  weights: [0.758467, 0.747105, 0.519284, 0.523942, 0.09086, 0.418461, 0.399486, 0.607907, -0.994062],
  bias: 3.628156,
  thresholds: { answer: 0.823154, likely: 0.643569, suggest: 0.35 },
} as const;
