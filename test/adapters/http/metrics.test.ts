import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsRoute } from '../../../src/adapters/http/routes/metrics.js';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import { createMetrics } from '../../../src/observability/metrics.js';

const metrics = createMetrics();
let http: HttpServer;
let base: string;

beforeAll(async () => {
  http = createHttpServer({ log: pino({ level: 'silent' }) });
  http.mount(metricsRoute(metrics));
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});
afterAll(() => http.close(100));

async function scrape(): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. `desk_answers_total{outcome="answered"}`; 0 when absent. */
function value(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

describe('/metrics', () => {
  it('counts move with traffic, by label', async () => {
    const before = await scrape();
    metrics.updateHandled('text', 0.004);
    metrics.updateHandled('text', 0.006);
    metrics.updateHandled('callback', 0.001);
    metrics.answerGiven('answered', 0.0008);
    metrics.answerGiven('unknown', 0.0003);
    metrics.answerRated('down');
    metrics.ticketCreated();
    metrics.reloadFinished('invalid');
    metrics.telegramApiError('sendMessage', 429);
    metrics.telegramApiError('sendMessage', 'network');
    metrics.rateLimitDecision('notify');
    metrics.webhookRequest('duplicate');
    const after = await scrape();

    const delta = (sample: string) => value(after, sample) - value(before, sample);
    expect(delta('desk_updates_handled_total{kind="text"}')).toBe(2);
    expect(delta('desk_updates_handled_total{kind="callback"}')).toBe(1);
    expect(delta('desk_answers_total{outcome="answered"}')).toBe(1);
    expect(delta('desk_answers_total{outcome="unknown"}')).toBe(1);
    expect(delta('desk_answer_feedback_total{rating="down"}')).toBe(1);
    expect(delta('desk_answer_feedback_total{rating="up"}')).toBe(0);
    expect(delta('desk_answer_duration_seconds_count{outcome="answered"}')).toBe(1);
    expect(delta('desk_answer_duration_seconds_bucket{le="0.001",outcome="answered"}')).toBe(1);
    expect(delta('desk_update_duration_seconds_sum{kind="text"}')).toBeCloseTo(0.01, 6);
    expect(delta('desk_tickets_created_total')).toBe(1);
    expect(delta('desk_kb_reloads_total{result="invalid"}')).toBe(1);
    expect(delta('desk_telegram_api_errors_total{method="sendMessage",code="429"}')).toBe(1);
    expect(delta('desk_telegram_api_errors_total{method="sendMessage",code="network"}')).toBe(1);
    expect(delta('desk_rate_limit_decisions_total{decision="notify"}')).toBe(1);
    expect(delta('desk_webhook_requests_total{result="duplicate"}')).toBe(1);
    expect(after).toMatch(/^desk_process_cpu_user_seconds_total /m);
  });

  it('samples queue depth and open tickets at scrape time, empty when the source hangs', async () => {
    let open = 3;
    metrics.sampleOpenTickets(async () => open);
    metrics.sampleQueueDepth(async () => ({ waiting: 4, delayed: 1 }));
    let text = await scrape();
    expect(value(text, 'desk_tickets_open')).toBe(3);
    expect(value(text, 'desk_queue_depth{state="waiting"}')).toBe(4);
    expect(value(text, 'desk_queue_depth{state="delayed"}')).toBe(1);
    open = 2;
    expect(value(await scrape(), 'desk_tickets_open')).toBe(2);

    metrics.sampleQueueDepth(() => new Promise(() => {}));
    const started = Date.now();
    text = await scrape();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(text).not.toMatch(/^desk_queue_depth\{/m);
  });
});
