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

/**
 * A node:http server with exact-path routing, and prefix routes for embedded apps. Clients get short JSON errors (`{"error": "not_found"}`); a
 * failure inside a route is logged with its stack and answered with a bare 500 that carries only a request id
 * to find that log line, never the error's text.
 */
export function createHttpServer(deps: { log: Logger; requestTimeoutMs?: number }): HttpServer {
  const routes = new Map<string, Map<string, Route>>();
  const prefixRoutes: PrefixRoute[] = [];
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
    void dispatch(req, res);
  });
  server.requestTimeout = deps.requestTimeoutMs ?? 30_000;

  // Request ids: a per-process prefix and a counter, cheaper than a UUID per request and as good for
  // grepping.
  const idPrefix = randomBytes(3).toString('hex');
  let requests = 0;

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `${idPrefix}-${(++requests).toString(36)}`;
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const path = queryAt === -1 ? target : target.slice(0, queryAt);
    let child: Logger | undefined;
    // Made on first use: most requests (a webhook call, a probe) never log.
    const log = () => (child ??= deps.log.child({ requestId, method: req.method, path }));
    const byMethod = routes.get(path);
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const route = byMethod?.get(method);
    const subtree = byMethod ? undefined : prefixRoutes.find((r) => isUnder(path, r.prefix));
    let response: HttpResponse | null;
    try {
      if (subtree) response = await subtree.handle(req, res, log());
      else {
        if (!byMethod) throw new HttpError(404, 'not_found');
        if (!route) throw new HttpError(405, 'method_not_allowed');
        route.authorize?.(req.headers);
        const body =
          method === 'GET' ? EMPTY : await readBody(req, route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
        response = await route.handle({
          method,
          path,
          query: new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1)),
          headers: req.headers,
          body,
          get log() {
            return log();
          },
        });
      }
    } catch (error) {
      if (req.destroyed && !(error instanceof HttpError)) {
        // The client hung up while sending its body: nobody to answer, nothing went wrong here.
        log().debug({ err: error }, 'client went away');
        return;
      }
      response = toErrorResponse(error, requestId, log());
    }
    if (response && byMethod && !route)
      response.headers = { ...response.headers, allow: [...byMethod.keys()].join(', ') };
    if (response) send(req, res, response, requestId);
    const status = response?.status ?? res.statusCode;
    if (status >= 500) log().warn({ status }, 'request answered with a server error');
    else if (deps.log.isLevelEnabled('debug')) log().debug({ status }, 'request answered');
  }

  return {
    server,
    mount(route) {
      const byMethod = routes.get(route.path) ?? new Map<string, Route>();
      if (byMethod.has(route.method))
        throw new Error(`route ${route.method} ${route.path} is already mounted`);
      byMethod.set(route.method, route);
      routes.set(route.path, byMethod);
    },
    mountPrefix(route) {
      if (prefixRoutes.some((r) => isUnder(route.prefix, r.prefix) || isUnder(r.prefix, route.prefix)))
        throw new Error(`a route under ${route.prefix} is already mounted`);
      prefixRoutes.push(route);
    },
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
      if (inFlight > 0) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      server.closeAllConnections();
      await closed;
    },
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
