import type { FollowUpTuning } from '../../../src/wiring/follow-up-workers.js';

/** Times short enough for tests: retries within a second, a dead worker's job taken over within two. */
export const FAST: FollowUpTuning = {
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  sweepIntervalMs: 300,
  sweepGraceMs: 300,
  backoff: { baseMs: 100, capMs: 800 },
};
