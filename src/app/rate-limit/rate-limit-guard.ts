import type { Logger } from '../../logger.js';
import type { DeskGuard } from '../desk-input.js';
import type { DeskContext, DeskResponse } from '../feature.js';
import type { Sender } from '../types.js';
import type { RateCounter } from './rate-counter.js';

/** allow: handle the update; notify: answer only with `rateLimitNotice`; drop: do nothing at all. */
export type RateLimitDecision = 'allow' | 'notify' | 'drop';

/** Called by the desk before dispatch, once per update from a user (given anything with its sender). */
export type RateLimitGuard = (update: Pick<DeskContext, 'sender'>) => Promise<RateLimitDecision>;

export interface RateLimitGuardDeps {
  counter: RateCounter;
  /** Messages allowed per window (RATE_LIMIT_PER_MINUTE). */
  limit: number;
  log: Logger;
  /** Users never limited (admins, staff), e.g. `(s) => adminIds.includes(s.userId)`. */
  exempt?: (sender: Sender) => boolean;
  onDecision?: (decision: RateLimitDecision) => void;
}

/**
 * The per-user rate limit: up to `limit` messages a window are handled; the first one beyond is answered once
 * with a polite notice; the rest are dropped until the window passes. The count lives in Redis, so the limit
 * holds across instances and exactly one of them sees the count that earns the notice. When the count cannot
 * be had (Redis down) the guard allows: answering matters more than limiting. The outage is logged once.
 */
export function createRateLimitGuard(deps: RateLimitGuardDeps): RateLimitGuard {
  let failingOpen = false;
  return async ({ sender }) => {
    if (deps.exempt?.(sender)) return 'allow';
    let decision: RateLimitDecision;
    try {
      const { count } = await deps.counter.hit(`user:${sender.userId}`);
      decision = count <= deps.limit ? 'allow' : count === deps.limit + 1 ? 'notify' : 'drop';
      if (failingOpen) deps.log.info('rate limit counts again');
      failingOpen = false;
    } catch (err) {
      if (!failingOpen)
        deps.log.warn({ err }, 'rate limit cannot count: allowing every message until it can');
      failingOpen = true;
      decision = 'allow';
    }
    if (decision !== 'allow') deps.log.info({ userId: sender.userId, decision }, 'rate limit reached');
    deps.onDecision?.(decision);
    return decision;
  };
}

/**
 * The guard in the desk's shape (`guards: [rateLimitDeskGuard(check)]`). Only private chats are limited: the
 * staff chat is a group and must never be throttled. The notice is a message, or an alert on a button tap.
 */
export function rateLimitDeskGuard(check: RateLimitGuard): DeskGuard {
  return async (input, context) => {
    if (input.sender.chatType !== 'private') return null;
    const decision = await check(input);
    if (decision === 'allow') return null;
    if (decision === 'drop') return {};
    const ctx = await context;
    return input.kind === 'callback'
      ? { toast: { text: ctx.t('runtime:rate_limited'), alert: true } }
      : rateLimitNotice(ctx);
  };
}

/** The one message a user gets on reaching the limit, in their language. */
export function rateLimitNotice(ctx: Pick<DeskContext, 't'>): DeskResponse {
  return { replies: [{ html: ctx.t('runtime:rate_limited') }] };
}
