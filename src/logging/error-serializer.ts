import { scrubSecrets } from './scrub.js';

/** An error as it may be logged: what failed and why, never what was being sent or handled. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  method?: string;
  error_code?: number;
  description?: string;
  retry_after?: number;
  /** The error it wraps (grammY's BotError and HttpError keep it in `error`) or its `cause`. */
  cause?: LoggedError | string;
  errors?: (LoggedError | string)[];
  [field: string]: unknown;
}

/**
 * Own string fields kept as they are (scrubbed of tokens): names of things and Telegram's words, which never
 * quote what a user wrote. Any other string field might (a payload's text, an update), so it is left out.
 */
const SAFE_STRING_FIELDS = new Set([
  'code',
  'method',
  'description',
  'operation',
  'reason',
  'syscall',
  'errno',
  'variable',
  'action',
  'kind',
]);

/** Fields read on purpose below, or that hold context: a framework's ctx, a request's payload, an update. */
const SKIPPED_FIELDS = new Set(['name', 'message', 'stack', 'cause', 'error', 'errors', 'type']);

/** A cause chain longer than this is cut: the first links say what went wrong. */
const MAX_DEPTH = 5;
const MAX_ERRORS = 5;

type Bag = Record<string, unknown>;

const isObject = (value: unknown): value is Bag => typeof value === 'object' && value !== null;

/** The class name: telegraf's TelegramError keeps Error's `name`, so the constructor says more. */
function typeOf(err: Bag): string {
  const ctor = (err as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Object' && ctor !== 'Error') return ctor;
  return typeof err.name === 'string' ? err.name : typeof ctor === 'string' ? ctor : 'Error';
}

/** Telegram's answer, wherever the framework keeps it (grammY on the error, telegraf in `response`/`on`). */
function telegramFields(err: Bag): Partial<LoggedError> {
  const response = isObject(err.response) ? err.response : err;
  const on = isObject(err.on) ? err.on : err;
  const parameters = isObject(response.parameters) ? response.parameters : undefined;
  const fields: Partial<LoggedError> = {};
  if (typeof on.method === 'string') fields.method = on.method;
  if (typeof response.error_code === 'number') fields.error_code = response.error_code;
  if (typeof response.description === 'string') fields.description = scrubSecrets(response.description);
  if (typeof parameters?.retry_after === 'number') fields.retry_after = parameters.retry_after;
  return fields;
}

/** Own fields that are numbers, booleans, or strings from SAFE_STRING_FIELDS; objects never. */
function plainFields(err: Bag): Bag {
  const fields: Bag = {};
  for (const key of Object.keys(err)) {
    if (SKIPPED_FIELDS.has(key)) continue;
    const value = err[key];
    if (typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
    else if (typeof value === 'string' && SAFE_STRING_FIELDS.has(key)) fields[key] = scrubSecrets(value);
  }
  // A getter on the prototype (telegraf's `code`) is not an own field.
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' || typeof code === 'string') fields.code = code;
  return fields;
}

function serialize(value: unknown, depth: number, seen: Set<object>): LoggedError | string {
  if (!isObject(value)) return scrubSecrets(String(value));
  if (seen.has(value) || depth > MAX_DEPTH) return '[cut]';
  seen.add(value);
  const message = typeof value.message === 'string' ? value.message : '';
  const logged: LoggedError = {
    type: typeOf(value),
    message: scrubSecrets(message),
    ...plainFields(value),
    ...telegramFields(value),
  };
  if (typeof value.stack === 'string') logged.stack = scrubSecrets(value.stack);
  // grammY wraps: BotError.error is what the middleware threw, HttpError.error what fetch threw.
  const inner = value.cause ?? value.error;
  if (inner !== undefined && inner !== null) logged.cause = serialize(inner, depth + 1, seen);
  if (Array.isArray(value.errors)) {
    logged.errors = value.errors.slice(0, MAX_ERRORS).map((e) => serialize(e, depth + 1, seen));
  }
  return logged;
}

/**
 * pino's serializer for `err` and `error`: keeps an error's class name, message, stack, codes, the Bot API
 * method, Telegram's error_code, description and retry_after, and its causes treated alike; drops every other
 * object it carries (grammY's ctx and payload, telegraf's `on.payload`, an update), and takes secrets out of
 * every string (a bot token in an address becomes `/bot<redacted>/`, an address's password `<redacted>@`).
 * A string (`err: e.message`) is scrubbed the same way.
 */
export function serializeError(value: unknown): LoggedError | string | number | boolean | null {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  return serialize(value, 0, new Set());
}
