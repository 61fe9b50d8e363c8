/**
 * A small logistic regression for the answer decision: a handful of features and a few hundred examples,
 * fitted by gradient descent on standardised features with a little L2 regularisation. A library would add a
 * dependency for thirty lines that run only when the model is refitted.
 */
import { probabilityOf } from '../../core/answer/decide.js';

export interface Example {
  x: number[];
  /** 1 when the best hit is right. */
  y: 0 | 1;
  outOfScope: boolean;
}

export interface LogisticModel {
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  predict(x: readonly number[]): number;
}

const ITERATIONS = 4000;
const LEARNING_RATE = 0.3;
const L2 = 0.01;

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function fitLogistic(examples: readonly Example[]): LogisticModel {
  const n = examples.length;
  const width = examples[0]?.x.length ?? 0;
  const means = Array.from({ length: width }, (_, j) => examples.reduce((s, e) => s + e.x[j]!, 0) / n);
  const scales = means.map((mean, j) => {
    const variance = examples.reduce((s, e) => s + (e.x[j]! - mean) ** 2, 0) / n;
    return Math.sqrt(variance) || 1;
  });
  const z = examples.map((e) => e.x.map((v, j) => (v - means[j]!) / scales[j]!));
  const weights = new Array<number>(width).fill(0);
  let bias = 0;
  for (let step = 0; step < ITERATIONS; step++) {
    const gradient = new Array<number>(width).fill(0);
    let gradientBias = 0;
    z.forEach((row, i) => {
      const error = sigmoid(bias + row.reduce((s, v, j) => s + v * weights[j]!, 0)) - examples[i]!.y;
      row.forEach((v, j) => (gradient[j]! += error * v));
      gradientBias += error;
    });
    for (let j = 0; j < width; j++) weights[j]! -= LEARNING_RATE * (gradient[j]! / n + L2 * weights[j]!);
    bias -= (LEARNING_RATE * gradientBias) / n;
  }
  return { means, scales, weights, bias, predict: (x) => probabilityOf({ means, scales, weights, bias }, x) };
}

/**
 * The lowest probability threshold at which, among the examples at or above it, the share of wrong ones
 * (wrong entry or out of scope) stays within `errorRate`, and at most `outOfScopeRate` of the out-of-scope
 * examples are above it.
 */
export function thresholdFor(
  model: LogisticModel,
  examples: readonly Example[],
  errorRate: number,
  outOfScopeRate: number,
): number {
  const scored = examples.map((e) => ({ p: model.predict(e.x), e })).sort((a, b) => b.p - a.p);
  const outOfScope = examples.filter((e) => e.outOfScope).length;
  let wrong = 0;
  let oos = 0;
  let threshold = 1;
  scored.forEach(({ p, e }, i) => {
    if (e.y === 0) wrong++;
    if (e.outOfScope) oos++;
    const next = scored[i + 1]?.p ?? -1;
    if (next === p) return;
    if (wrong / (i + 1) <= errorRate && oos <= outOfScopeRate * outOfScope) threshold = p;
  });
  return threshold;
}
