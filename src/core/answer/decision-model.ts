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
  means: [0.738414, 0.72995, 0.532976, 2.174776, 0.907747, 0.689049, 1.492025, 1.736687, 0.331519],
  scales: [0.317057, 0.288257, 0.379992, 0.626571, 0.141041, 0.275756, 0.563577, 0.650702, 0.821109],
  weights: [0.77307, 0.766953, 0.495068, 0.51936, 0.219305, 0.390212, 0.422942, 0.516569, -1.08316],
  bias: 3.559844,
  thresholds: { answer: 0.842906, likely: 0.734347, suggest: 0.35 },
} as const;
