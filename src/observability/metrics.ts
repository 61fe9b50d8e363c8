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

/** Open tickets and queue depth: gauges read from their sources when Prometheus scrapes. */
function sampledGauges(registers: Registry[]) {
  const sources = {
    openTickets: noSource as () => Promise<number>,
    queueStates: noSource as () => Promise<Record<string, number>>,
  };
  new Gauge({
    name: 'desk_tickets_open',
    help: 'Follow-up tickets not yet answered',
    registers,
    async collect() {
      this.reset();
      const open = await sample(sources.openTickets);
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
      for (const [state, count] of Object.entries((await sample(sources.queueStates)) ?? {}))
        this.set({ state }, count);
    },
  });
  return sources;
}

/**
 * Creates a registry of its own (never prom-client's global one, so that tests and several bots in one
 * process do not share counters) with the process's default metrics under the `desk_` prefix.
 */
export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'desk_' });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });
  const latency = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Histogram<L>({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers });

  const updates = counter('desk_updates_handled_total', 'Updates handled, by kind', ['kind']);
  const updateSeconds = latency(
    'desk_update_duration_seconds',
    'Time to handle one update, replies included',
    ['kind'],
  );
  const answers = counter('desk_answers_total', 'Questions answered by the core, by outcome', ['outcome']);
  const answerSeconds = latency(
    'desk_answer_duration_seconds',
    'Time of the core answer path (language, search, confidence)',
    ['outcome'],
  );
  const ticketsCreated = counter('desk_tickets_created_total', 'Follow-up tickets created');
  const ticketsAnswered = counter('desk_tickets_answered_total', 'Follow-up tickets answered by staff');
  const ticketRatings = counter(
    'desk_ticket_ratings_total',
    'Ratings of closed tickets by their askers (👍 up, 👎 down), one per ticket',
    ['rating'],
  );
  const sampled = sampledGauges(registers);
  const reloads = counter('desk_kb_reloads_total', 'Knowledge-base reloads, by result', ['result']);
  const apiErrors = counter(
    'desk_telegram_api_errors_total',
    'Failed Bot API calls, by method and error code',
    ['method', 'code'],
  );
  const feedback = counter(
    'desk_answer_feedback_total',
    'Ratings of answers (👍 up, 👎 down), one per answer',
    ['rating'],
  );
  const rateLimit = counter('desk_rate_limit_decisions_total', 'Per-user rate-limit decisions', ['decision']);
  const webhook = counter('desk_webhook_requests_total', 'Webhook requests, by result', ['result']);

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
      sampled.openTickets = source;
    },
    sampleQueueDepth(source) {
      sampled.queueStates = source;
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
