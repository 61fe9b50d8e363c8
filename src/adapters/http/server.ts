import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logger.js';
import { readBody } from './read-body.js';
import { HttpError, type HttpResponse, type PrefixRoute, type Route } from './types.js';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

/** The process's HTTP side: health, readiness, metrics, the webhook, and whatever features mount. */
export interface HttpServer {
  /** Adds a route; a second route on the same method and path is a programming error and throws. */
  mount(route: Route): void;
  /** Hands every path under `route.prefix` to it; prefixes that overlap are a programming error and throw. */
  mountPrefix(route: PrefixRoute): void;
  /** Starts listening and resolves with the bound port (useful with port 0 in tests). */
  listen(port: number, host?: string): Promise<number>;
  /**
   * Stops accepting connections, lets requests in progress finish for up to `graceMs`, then cuts what is
   * left. Safe to call twice.
   */
  close(graceMs?: number): Promise<void>;
  readonly server: Server;
}

/** What serves a request: an exact route, a prefix route, or the methods the path allows (405), or nothing (404). */
type Match =
  | { kind: 'exact'; route: Route }
  | { kind: 'prefix'; route: PrefixRoute }
  | { kind: 'wrong-method'; allow: string }
  | { kind: 'none' };

/** Exact-path routes by path and method, and prefix routes for embedded apps; an exact path wins over a prefix. */
class RouteTable {
  private readonly routes = new Map<string, Map<string, Route>>();
  private readonly prefixRoutes: PrefixRoute[] = [];

  mount(route: Route): void {
    const byMethod = this.routes.get(route.path) ?? new Map<string, Route>();
    if (byMethod.has(route.method)) throw new Error(`route ${route.method} ${route.path} is already mounted`);
    byMethod.set(route.method, route);
    this.routes.set(route.path, byMethod);
  }

  mountPrefix(route: PrefixRoute): void {
    if (this.prefixRoutes.some((r) => isUnder(route.prefix, r.prefix) || isUnder(r.prefix, route.prefix)))
      throw new Error(`a route under ${route.prefix} is already mounted`);
    this.prefixRoutes.push(route);
  }

  match(path: string, method: string): Match {
    const byMethod = this.routes.get(path);
    if (!byMethod) {
      const route = this.prefixRoutes.find((r) => isUnder(path, r.prefix));
      return route ? { kind: 'prefix', route } : { kind: 'none' };
    }
    const route = byMethod.get(method);
    return route
      ? { kind: 'exact', route }
      : { kind: 'wrong-method', allow: [...byMethod.keys()].join(', ') };
  }
}

/** One request as the server takes it apart: its id, path, query and a logger made on first use. */
interface Incoming {
  requestId: string;
  method: string;
  path: string;
  query: URLSearchParams;
  log: () => Logger;
}

function incoming(req: IncomingMessage, requestId: string, parentLog: Logger): Incoming {
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  let child: Logger | undefined;
  return {
    requestId,
    method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'),
    path,
    query: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)),
    // Made on first use: most requests (a webhook call, a probe) never log.
    log: () => (child ??= parentLog.child({ requestId, method: req.method, path })),
  };
}

/** The matched route's answer; null when a prefix route answered on `res` itself. Throws HttpError for 404/405. */
async function answer(match: Match, req: IncomingMessage, res: ServerResponse, at: Incoming) {
  if (match.kind === 'prefix') return match.route.handle(req, res, at.log());
  if (match.kind === 'none') throw new HttpError(404, 'not_found');
  if (match.kind === 'wrong-method') throw new HttpError(405, 'method_not_allowed');
  const { route } = match;
  route.authorize?.(req.headers);
  const body =
    at.method === 'GET' ? EMPTY : await readBody(req, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const { method, path, query, log } = at;
  return route.handle({
    method,
    path,
    query,
    headers: req.headers,
    body,
    get log() {
      return log();
    },
  });
}

/**
 * A node:http server with exact-path routing, and prefix routes for embedded apps. Clients get short JSON errors (`{"error": "not_found"}`); a
 * failure inside a route is logged with its stack and answered with a bare 500 that carries only a request id
 * to find that log line, never the error's text.
 */
export function createHttpServer(deps: { log: Logger; requestTimeoutMs?: number }): HttpServer {
  const table = new RouteTable();
  // Request ids: a per-process prefix and a counter, cheaper than a UUID per request and as good for grepping.
  const idPrefix = randomBytes(3).toString('hex');
  let requests = 0;

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = incoming(req, `${idPrefix}-${(++requests).toString(36)}`, deps.log);
    const match = table.match(at.path, at.method);
    let response: HttpResponse | null;
    try {
      response = await answer(match, req, res, at);
    } catch (error) {
      if (req.destroyed && !(error instanceof HttpError)) {
        // The client hung up while sending its body: nobody to answer, nothing went wrong here.
        at.log().debug({ err: error }, 'client went away');
        return;
      }
      response = toErrorResponse(error, at.requestId, at.log());
    }
    if (response && match.kind === 'wrong-method')
      response.headers = { ...response.headers, allow: match.allow };
    if (response) send(req, res, response, at.requestId);
    const status = response?.status ?? res.statusCode;
    if (status >= 500) at.log().warn({ status }, 'request answered with a server error');
    else if (deps.log.isLevelEnabled('debug')) at.log().debug({ status }, 'request answered');
  }

  const server = createServer((req, res) => void dispatch(req, res));
  const drained = trackRequestsInFlight(server);
  server.requestTimeout = deps.requestTimeoutMs ?? 30_000;

  return {
    server,
    mount: (route) => table.mount(route),
    mountPrefix: (route) => table.mountPrefix(route),
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close(graceMs = 5_000) {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drained(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Counts the requests being answered; the function returned resolves when none is left, or after `graceMs`. */
function trackRequestsInFlight(server: Server): (graceMs: number) => Promise<void> {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
  });
  return async (graceMs) => {
    if (inFlight === 0) return;
    const none = new Promise<void>((resolve) => (idle = resolve));
    await Promise.race([none, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  };
}

/** `/a/b` is under `/a/b` and `/a`, not under `/a/bc`. */
const isUnder = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);

function toErrorResponse(error: unknown, requestId: string, log: Logger): HttpResponse {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.code } };
  log.error({ err: error }, 'route failed');
  return { status: 500, body: { error: 'internal', requestId } };
}

function send(req: IncomingMessage, res: ServerResponse, response: HttpResponse, requestId: string): void {
  if (res.destroyed) return;
  // A prefix route that failed after it began its answer: the client gets a cut connection, not a mix of two.
  if (res.headersSent) return void res.destroy();
  const { body } = response;
  const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
  const payload = body === undefined ? '' : isRaw ? body : JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'x-request-id': requestId,
    'cache-control': 'no-store',
    ...(isRaw ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...response.headers,
    'content-length': Buffer.byteLength(payload),
  };
  // A body refused half-read leaves bytes on the socket: close it rather than parse them as the next request.
  if (response.status === 413) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}
