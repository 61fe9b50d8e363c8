import fc from 'fast-check';
import { BotError, GrammyError, HttpError } from 'grammy';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { serializeError } from '../src/logging/error-serializer.js';
import { scrubSecrets } from '../src/logging/scrub.js';

const TOKEN = '123456789:AAHsecretSECRETsecret_0123456789abcdef';
const URL = `https://api.telegram.org/bot${TOKEN}/sendMessage`;
const QUESTION = 'my private question about ceramic filters';

/** A logger writing into an array, as the process's logger would write to stdout. */
function capture(opts: { token?: string } = {}) {
  const lines: string[] = [];
  const log = createLogger('info', {
    ...opts,
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, lines };
}

const grammyForbidden = () =>
  new GrammyError(
    "Call to 'sendMessage' failed!",
    { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    'sendMessage',
    { chat_id: 1, text: QUESTION },
  );

describe('the logger', () => {
  it("keeps a GrammyError's class, method, code and description, never its payload", () => {
    const { log, lines } = capture();
    log.error({ err: grammyForbidden() }, 'Bot API call failed');
    const record = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({
      type: 'GrammyError',
      method: 'sendMessage',
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    expect(lines[0]).not.toContain(QUESTION);
  });

  it("keeps a telegraf TelegramError's method, code and retry_after, never `on.payload`", () => {
    const { log, lines } = capture();
    const err = new TelegramError(
      { error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 7 } },
      { method: 'sendMessage', payload: { chat_id: 1, text: QUESTION } },
    );
    log.warn({ err }, 'failed');
    const record = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({
      type: 'TelegramError',
      method: 'sendMessage',
      error_code: 429,
      retry_after: 7,
    });
    expect(lines[0]).not.toContain(QUESTION);
  });

  it("drops grammY's BotError context (token, update) and keeps what the middleware threw as its cause", () => {
    const { log, lines } = capture();
    const ctx = { api: { token: TOKEN }, update: { update_id: 5, message: { text: QUESTION } } };
    log.error({ err: new BotError(new RangeError('bad index'), ctx as never) }, 'update failed');
    const record = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({
      type: 'BotError',
      cause: { type: 'RangeError', message: 'bad index' },
    });
    expect(lines[0]).not.toContain(TOKEN.split(':')[1]);
    expect(lines[0]).not.toContain(QUESTION);
  });

  it('takes the token out of addresses in nested causes, messages and stacks', () => {
    const { log, lines } = capture();
    const fetchFailure = Object.assign(new Error(`request to ${URL} failed, reason: socket hang up`), {
      code: 'ECONNRESET',
    });
    const outer = new Error('send failed', { cause: new HttpError("Network request for 'x'", fetchFailure) });
    log.warn({ err: outer, error: `GET ${URL}` }, 'failed');
    expect(lines[0]).not.toContain(TOKEN.split(':')[1]);
    const record = JSON.parse(lines[0]!) as {
      err: { cause: { cause: Record<string, unknown> } };
      error: string;
    };
    expect(record.err.cause.cause).toMatchObject({ code: 'ECONNRESET' });
    expect(record.err.cause.cause.message).toContain('/bot<redacted>/sendMessage');
    expect(record.error).toBe('GET https://api.telegram.org/bot<redacted>/sendMessage');
  });

  it('survives a circular cause', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(() => JSON.stringify(serializeError(a))).not.toThrow();
  });

  it('removes a context, update, payload or token logged at the top level', () => {
    const { log, lines } = capture();
    log.info({ ctx: { token: TOKEN }, update: { text: QUESTION }, payload: QUESTION, token: TOKEN, kept: 1 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ kept: 1 });
    expect(lines[0]).not.toMatch(/ctx|update|payload|token/);
  });

  it('given the token, takes it out of any field of any line as a last defence', () => {
    const { log, lines } = capture({ token: TOKEN });
    log.info({ note: `see ${TOKEN}`, nested: { deeper: [TOKEN] } }, `token ${TOKEN}`);
    expect(lines[0]).not.toContain(TOKEN.split(':')[1]);
  });

  it('takes the user and password out of addresses such as REDIS_URL', () => {
    expect(scrubSecrets('connect to redis://:s3cret@redis:6379/0 failed')).toBe(
      'connect to redis://<redacted>@redis:6379/0 failed',
    );
    expect(scrubSecrets('mail anna@example.org')).toBe('mail anna@example.org');
  });

  it('property: no string keeps a token inside a Bot API address', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9_-]{20,46}$/);
    fc.assert(
      fc.property(fc.string(), fc.nat(), secret, fc.string(), (before, id, part, after) => {
        const scrubbed = scrubSecrets(`${before}/bot${id}:${part}/${after}`);
        expect(scrubbed).not.toContain(`${id}:${part}/`);
      }),
      { numRuns: 500 },
    );
  });
});
