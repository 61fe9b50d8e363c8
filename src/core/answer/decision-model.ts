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
  means: [0.746802, 0.73003, 0.543318, 2.246105, 0.919548, 0.671226, 1.543732, 1.7774, 0.331519],
  scales: [0.311572, 0.280448, 0.373006, 0.641501, 0.140944, 0.270539, 0.572133, 0.646245, 0.821109],
  weights: [0.747855, 0.740049, 0.503206, 0.533744, 0.117176, 0.437736, 0.395853, 0.575801, -1.020209],
  bias: 3.67561,
  thresholds: { answer: 0.761503, likely: 0.649385, suggest: 0.35 },
} as const;
