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
  means: [0.748003, 0.731095, 0.545078, 2.248332, 0.919198, 0.672176, 1.545526, 1.7774, 0.331519],
  scales: [0.310726, 0.279795, 0.372251, 0.639749, 0.140989, 0.270225, 0.57051, 0.646245, 0.821109],
  weights: [0.759851, 0.746613, 0.51859, 0.525603, 0.091324, 0.417916, 0.400457, 0.602985, -0.9926],
  bias: 3.628489,
  thresholds: { answer: 0.822197, likely: 0.64273, suggest: 0.35 },
} as const;
