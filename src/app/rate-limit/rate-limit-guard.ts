import type { Logger } from '../../logger.js';
import type { DeskGuard, DeskInputKind } from '../desk-input.js';
import type { DeskContext, DeskResponse } from '../feature.js';
import type { Sender } from '../types.js';
import type { EarlyDecisions } from './early-decisions.js';
import type { RateCounter } from './rate-counter.js';

/** allow: handle the update; notify: answer only with `rateLimitNotice`; drop: do nothing at all. */
export type RateLimitDecision = 'allow' | 'notify' | 'drop';

/** What the limit looks at: who sent it, and whether it is a button tap (counted apart) or a message. */
export interface RateLimited {
  sender: Pick<Sender, 'userId'>;
  kind?: DeskInputKind;
}

/** Counts one update of a user and decides what becomes of it. */
export type RateLimitGuard = (update: RateLimited) => Promise<RateLimitDecision>;

export interface RateLimitGuardDeps {
  counter: RateCounter;
  /** Messages allowed per window (RATE_LIMIT_PER_MINUTE). */
  limit: number;
  /** Button taps allowed per window, counted apart from messages; default three times `limit`. */
  tapLimit?: number;
  log: Logger;
  /** Users never limited (admins), e.g. `(s) => adminIds.includes(s.userId)`. */
  exempt?: (sender: Pick<Sender, 'userId'>) => boolean;
  onDecision?: (decision: RateLimitDecision) => void;
}

/** Taps come in quick runs (paging a list, trying "did you mean" choices) and cost little to answer. */
const TAPS_PER_MESSAGE = 3;

/**
 * The per-user rate limit: up to `limit` messages a window are handled; the first one beyond is answered once
 * with a polite notice; the rest are dropped until the window passes. Button taps have an allowance of their
 * own (`tapLimit`), so that browsing does not use up the messages, nor the reverse. The counts live in Redis,
 * so the limit holds across instances and exactly one of them sees the count that earns the notice. When a
 * count cannot be had (Redis down) the guard allows: answering matters more than limiting. The outage is
 * logged once.
 */
export function createRateLimitGuard(deps: RateLimitGuardDeps): RateLimitGuard {
  const tapLimit = deps.tapLimit ?? deps.limit * TAPS_PER_MESSAGE;
  let failingOpen = false;
  return async ({ sender, kind }) => {
    if (deps.exempt?.(sender)) return 'allow';
    const tap = kind === 'callback';
    const limit = tap ? tapLimit : deps.limit;
    let decision: RateLimitDecision;
    try {
      const { count } = await deps.counter.hit(`${tap ? 'tap' : 'user'}:${sender.userId}`);
      decision = count <= limit ? 'allow' : count === limit + 1 ? 'notify' : 'drop';
      if (failingOpen) deps.log.info('rate limit counts again');
      failingOpen = false;
    } catch (err) {
      if (!failingOpen)
        deps.log.warn({ err }, 'rate limit cannot count: allowing every message until it can');
      failingOpen = true;
      decision = 'allow';
    }
    if (decision !== 'allow') deps.log.info({ userId: sender.userId, tap, decision }, 'rate limit reached');
    deps.onDecision?.(decision);
    return decision;
  };
}

export interface RateLimitDeskGuardOptions {
  /** STAFF_CHAT_ID: the one chat never limited, so that staff are never throttled at work. */
  staffChatId?: number;
  /** Decisions already taken when the update arrived (see createUpdateAdmission); counted once, not again. */
  early?: EarlyDecisions;
}

/**
 * The guard in the desk's shape (`guards: [rateLimitDeskGuard(check, { staffChatId })]`): every chat is
 * limited but the staff chat. The notice is a message, or an alert on a button tap. An update whose decision
 * was taken on arrival is not counted again.
 */
export function rateLimitDeskGuard(check: RateLimitGuard, opts: RateLimitDeskGuardOptions = {}): DeskGuard {
  return async (input, context) => {
    const early = opts.early?.take(input.updateId);
    if (!early && input.sender.chatId === opts.staffChatId) return null;
    const decision = early ?? (await check(input));
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
