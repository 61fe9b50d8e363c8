import type { RateLimitDecision } from './rate-limit-guard.js';

/**
 * Rate-limit decisions taken when updates arrived, kept until the desk handles each update: an update is
 * counted once, before it waits for anything, and the desk only words the outcome.
 */
export interface EarlyDecisions {
  remember(updateId: number, decision: RateLimitDecision): void;
  /** The decision taken on arrival, once; undefined when none was (the desk then counts the update itself). */
  take(updateId: number): RateLimitDecision | undefined;
}

/**
 * Keeps at most `capacity` decisions, the oldest going first: an update the desk never handles (the process
 * stopping under it) must not hold its entry for ever.
 */
export function createEarlyDecisions(capacity = 10_000): EarlyDecisions {
  const decisions = new Map<number, RateLimitDecision>();
  return {
    remember(updateId, decision) {
      decisions.set(updateId, decision);
      if (decisions.size > capacity) decisions.delete(decisions.keys().next().value!);
    },
    take(updateId) {
      const decision = decisions.get(updateId);
      decisions.delete(updateId);
      return decision;
    },
  };
}
