import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Rating } from '../app/answer-memory.js';
import type { AnswerOutcome } from '../core/answer/types.js';
import type { TicketRating } from '../core/follow-up/ticket.js';
import { withTimeout } from '../with-timeout.js';

/** The update kinds the desk tells apart; anything else is counted as `other`. */
export type UpdateKind = 'command' | 'text' | 'callback' | 'attachment' | 'other';
export type ReloadResult = 'ok' | 'invalid' | 'error';
export type RateLimitDecision = 'allow' | 'notify' | 'drop';
export type WebhookResult = 'handled' | 'duplicate' | 'unauthorized' | 'bad_request' | 'draining' | 'slow';

/**
 * The desk's metrics, as small typed functions, so that callers cannot misspell a metric or a label.
 * Every function is cheap (a counter increment) and never throws.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One update went through the desk; `seconds` is the whole handling time, replies included. */
  updateHandled(kind: UpdateKind, seconds: number): void;
  /** The core answered a question; `seconds` is the time of `snapshot.answer()` alone. */
  answerGiven(outcome: AnswerOutcome, seconds: number): void;
  /** A 👍 or 👎 on an answer was counted. */
  answerRated(rating: Rating): void;
  ticketCreated(): void;
  ticketAnswered(): void;
  /** The asker rated a closed ticket (👍 up, 👎 down), once per ticket. */
  ticketRated(rating: TicketRating): void;
  /** Open tickets, read when Prometheus scrapes (e.g. a Redis count); failures leave the gauge empty. */
  sampleOpenTickets(source: () => Promise<number>): void;
  /**
   * Follow-up queue depth per job state (waiting, active, delayed, failed...), read when Prometheus scrapes.
   */
  sampleQueueDepth(source: () => Promise<Record<string, number>>): void;
  reloadFinished(result: ReloadResult): void;
  /** A Bot API call failed: `code` is Telegram's error_code (429, 403, 500...) or `network`. */
  telegramApiError(method: string, code: number | 'network'): void;
  rateLimitDecision(decision: RateLimitDecision): void;
  webhookRequest(result: WebhookResult): void;
  /** Prometheus text format of every metric. */
  render(): Promise<string>;
}

const SAMPLE_TIMEOUT_MS = 500;

/** Whole-update and answer latencies sit between a millisecond and a few seconds. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Creates a registry of its own (never prom-client's global one, so that tests and several bots in one
 * process do not share counters) with the process's default metrics under the `desk_` prefix.
 */
export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'desk_' });
  const registers = [registry];

  const updates = new Counter({
    name: 'desk_updates_handled_total',
    help: 'Updates handled, by kind',
    labelNames: ['kind'],
    registers,
  });
  const updateSeconds = new Histogram({
    name: 'desk_update_duration_seconds',
    help: 'Time to handle one update, replies included',
    labelNames: ['kind'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const answers = new Counter({
    name: 'desk_answers_total',
    help: 'Questions answered by the core, by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const answerSeconds = new Histogram({
    name: 'desk_answer_duration_seconds',
    help: 'Time of the core answer path (language, search, confidence)',
    labelNames: ['outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ticketsCreated = new Counter({
    name: 'desk_tickets_created_total',
    help: 'Follow-up tickets created',
    registers,
  });
  const ticketsAnswered = new Counter({
    name: 'desk_tickets_answered_total',
    help: 'Follow-up tickets answered by staff',
    registers,
  });
  const ticketRatings = new Counter({
    name: 'desk_ticket_ratings_total',
    help: 'Ratings of closed tickets by their askers (👍 up, 👎 down), one per ticket',
    labelNames: ['rating'],
    registers,
  });
  let openTickets: () => Promise<number> = noSource;
  let queueStates: () => Promise<Record<string, number>> = noSource;
  new Gauge({
    name: 'desk_tickets_open',
    help: 'Follow-up tickets not yet answered',
    registers,
    async collect() {
      this.reset();
      const open = await sample(openTickets);
      if (open !== undefined) this.set(open);
    },
  });
  new Gauge({
    name: 'desk_queue_depth',
    help: 'Follow-up queue jobs, by state',
    labelNames: ['state'],
    registers,
    async collect() {
      this.reset();
      for (const [state, count] of Object.entries((await sample(queueStates)) ?? {}))
        this.set({ state }, count);
    },
  });
  const reloads = new Counter({
    name: 'desk_kb_reloads_total',
    help: 'Knowledge-base reloads, by result',
    labelNames: ['result'],
    registers,
  });
  const apiErrors = new Counter({
    name: 'desk_telegram_api_errors_total',
    help: 'Failed Bot API calls, by method and error code',
    labelNames: ['method', 'code'],
    registers,
  });
  const feedback = new Counter({
    name: 'desk_answer_feedback_total',
    help: 'Ratings of answers (👍 up, 👎 down), one per answer',
    labelNames: ['rating'],
    registers,
  });
  const rateLimit = new Counter({
    name: 'desk_rate_limit_decisions_total',
    help: 'Per-user rate-limit decisions',
    labelNames: ['decision'],
    registers,
  });
  const webhook = new Counter({
    name: 'desk_webhook_requests_total',
    help: 'Webhook requests, by result',
    labelNames: ['result'],
    registers,
  });

  return {
    registry,
    updateHandled(kind, seconds) {
      updates.inc({ kind });
      updateSeconds.observe({ kind }, seconds);
    },
    answerGiven(outcome, seconds) {
      answers.inc({ outcome });
      answerSeconds.observe({ outcome }, seconds);
    },
    answerRated: (rating) => feedback.inc({ rating }),
    ticketCreated: () => ticketsCreated.inc(),
    ticketAnswered: () => ticketsAnswered.inc(),
    ticketRated: (rating) => ticketRatings.inc({ rating }),
    sampleOpenTickets(source) {
      openTickets = source;
    },
    sampleQueueDepth(source) {
      queueStates = source;
    },
    reloadFinished: (result) => reloads.inc({ result }),
    telegramApiError: (method, code) => apiErrors.inc({ method, code: String(code) }),
    rateLimitDecision: (decision) => rateLimit.inc({ decision }),
    webhookRequest: (result) => webhook.inc({ result }),
    render: () => registry.metrics(),
  };
}

const noSource = (): Promise<never> => Promise.reject(new Error('no source'));

/**
 * Reads a sampled value when Prometheus scrapes. A scrape must not hang on a dependency that is down (ioredis
 * queues commands while disconnected), so a slow or failing source leaves the gauge empty rather than stale:
 * an absent series is what an alert should fire on.
 */
function sample<T>(source: () => Promise<T>): Promise<T | undefined> {
  return withTimeout(source(), SAMPLE_TIMEOUT_MS, 'metric sample').catch(() => undefined);
}
