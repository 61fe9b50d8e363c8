import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../logger.js';

/** One HTTP request as a route sees it: the body is already read (within the route's limit). */
export interface HttpRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Empty for GET and HEAD. */
  body: Buffer;
  /** A child logger carrying the request id. */
  log: Logger;
}

/**
 * A route's answer. Objects are sent as JSON; strings and Buffers as they are, with the given content type.
 */
export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * A small HTTP endpoint, mounted with `http.mount(route)`. Features add their own (POST /admin/reload, say)
 * without touching the server.
 */
export interface Route {
  method: HttpMethod;
  /** Exact path, e.g. `/healthz`. */
  path: string;
  /** The largest body accepted, in bytes; a larger one gets 413 before the handler runs. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * Runs before the body is read, so that an unauthorised client cannot make the server read a large body.
   */
  authorize?(headers: IncomingHttpHeaders): void;
  handle(req: HttpRequest): Promise<HttpResponse>;
}

/**
 * Every path under a prefix, handed over with node's own request and response: for an embedded app (the queue
 * dashboard's Express app) that reads the body and answers by itself. Mounted with `http.mountPrefix(route)`;
 * an exact route on a path under the prefix wins over it.
 */
export interface PrefixRoute {
  /** Takes this path and every path below it: `/admin/queues` takes `/admin/queues/api/queues`. */
  prefix: string;
  /**
   * Resolves with a response for the server to send (errors, refusals), or with null once the route has
   * answered on `res` itself. Anything thrown is answered like a route's failure.
   */
  handle(req: IncomingMessage, res: ServerResponse, log: Logger): Promise<HttpResponse | null>;
}

/**
 * A refusal meant for the client (4xx): its `code` is sent as `{"error": code}`. Anything else thrown by a
 * route becomes a bare 500 whose details only reach the log.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A JSON response; the usual shape of every route here. */
export const json = (status: number, body: unknown, headers?: Record<string, string>): HttpResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
