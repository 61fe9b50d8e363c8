import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHODS } from './methods.js';
import { readParams, type Params } from './request-body.js';
import type { BotApiState } from './state.js';
import { BotApiError, type FakeUpdate, type InjectedFailure, type RecordedCall } from './types.js';

interface HeldPoll {
  offset: number;
  limit: number;
  finish(updates: FakeUpdate[] | BotApiError): void;
}

/**
 * The HTTP side of the fake: routes `/bot<token>/<method>` and `/file/bot<token>/<path>`, injects failures,
 * records every call, and holds getUpdates requests open like Telegram's long polling.
 */
export class BotApiServer {
  private readonly server: Server;
  private readonly failures = new Map<string, { failure: InjectedFailure; remaining: number }[]>();
  private readonly callLog: RecordedCall[] = [];
  private readonly callListeners = new Set<(call: RecordedCall) => void>();
  private heldPoll: HeldPoll | null = null;

  constructor(
    private readonly state: BotApiState,
    private readonly token: string,
  ) {
    this.server = createServer((req, res) => void this.route(req, res));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.heldPoll?.finish([]);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get calls(): readonly RecordedCall[] {
    return this.callLog;
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  failNext(method: string, failure: InjectedFailure, count: number): void {
    const queue = this.failures.get(method) ?? [];
    queue.push({ failure, remaining: count });
    this.failures.set(method, queue);
  }

  /** Wakes a held getUpdates when updates arrive. */
  updatesArrived(): void {
    const poll = this.heldPoll;
    if (!poll) return;
    const ready = this.readyUpdates(poll.offset, poll.limit);
    if (ready.length > 0) poll.finish(ready);
  }

  /** Runs one method call as if it came over HTTP (also used for webhook replies). */
  async invoke(
    method: string,
    params: Params,
    from: { res?: ServerResponse; viaWebhookReply?: boolean } = {},
  ): Promise<RecordedCall> {
    const base = {
      seq: 0,
      method,
      params,
      at: Date.now(),
      ...(from.viaWebhookReply ? { viaWebhookReply: true } : {}),
    };
    let call: RecordedCall;
    try {
      const result =
        method === 'getUpdates' ? await this.getUpdates(params, from.res) : this.runMethod(method, params);
      call = { ...base, ok: true, result };
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      call = {
        ...base,
        ok: false,
        status: error.status,
        description: error.description,
        parameters: error.parameters,
      };
    }
    this.record(call);
    return call;
  }

  private runMethod(method: string, params: Params): unknown {
    const handler = METHODS[method];
    return handler ? handler(this.state, params) : true;
  }

  private record(call: RecordedCall): void {
    call.seq = this.callLog.length + 1;
    this.callLog.push(call);
    for (const listener of this.callListeners) listener(call);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const file = new RegExp(`^/file/bot${this.token}/(.+)$`).exec(url.pathname);
    if (file) return this.serveFile(decodeURIComponent(file[1]!), res);
    const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!api) return reply(res, new BotApiError(404, 'Not Found'));
    if (api[1] !== this.token) return reply(res, new BotApiError(401, 'Unauthorized'));
    const method = api[2]!;
    let params: Params;
    try {
      params = await readParams(req, url);
    } catch (error) {
      return reply(res, new BotApiError(400, `Bad Request: ${(error as Error).message}`));
    }
    const injected = this.takeFailure(method, params);
    if (injected) return this.fail(method, params, injected, res);
    const call = await this.invoke(method, params, { res });
    reply(res, call.ok ? call.result : new BotApiError(call.status!, call.description!, call.parameters));
  }

  /** The first failure queued for this method that applies to these parameters, counted down. */
  private takeFailure(method: string, params: Params): InjectedFailure | undefined {
    const queue = this.failures.get(method) ?? [];
    const at = queue.findIndex(({ failure }) => failure.when?.(params) ?? true);
    const entry = queue[at];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) queue.splice(at, 1);
    return entry.failure;
  }

  private fail(method: string, params: Params, failure: InjectedFailure, res: ServerResponse): void {
    const base = { seq: 0, method, params, at: Date.now(), ok: false };
    if ('network' in failure) {
      this.record({ ...base, status: 0, description: 'connection dropped (injected)' });
      res.socket?.destroy();
      return;
    }
    const error =
      'retryAfter' in failure
        ? new BotApiError(
            429,
            failure.description ?? `Too Many Requests: retry after ${failure.retryAfter}`,
            {
              retry_after: failure.retryAfter,
            },
          )
        : new BotApiError(failure.status, failure.description ?? defaultDescription(failure.status));
    this.record({ ...base, status: error.status, description: error.description });
    reply(res, error);
  }

  private readyUpdates(offset: number, limit: number): FakeUpdate[] {
    this.state.dropUnwanted();
    return this.state.pending.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  /** Long polling: answers at once when updates wait, else holds the request until one arrives or `timeout` passes. */
  private async getUpdates(params: Params, res?: ServerResponse): Promise<FakeUpdate[]> {
    if (this.state.webhook) {
      throw new BotApiError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = Number(params.offset ?? 0);
    if (offset > 0) this.state.confirmBelow(offset);
    if (params.allowed_updates !== undefined) this.state.askFor(params.allowed_updates);
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const timeout = Number(params.timeout ?? 0);
    const ready = this.readyUpdates(offset, limit);
    if (ready.length > 0 || timeout <= 0) return ready;
    // Telegram allows one poller: a newer getUpdates ends the older one with 409.
    this.heldPoll?.finish(
      new BotApiError(
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      ),
    );
    const outcome = await new Promise<FakeUpdate[] | BotApiError>((resolve) => {
      const timer = setTimeout(() => poll.finish([]), timeout * 1000);
      const poll: HeldPoll = {
        offset,
        limit,
        finish: (result) => {
          clearTimeout(timer);
          if (this.heldPoll === poll) this.heldPoll = null;
          resolve(result);
        },
      };
      this.heldPoll = poll;
      // A bot that stops aborts its poll; forget it so that it cannot swallow the next wake-up.
      res?.once('close', () => poll.finish([]));
    });
    if (outcome instanceof BotApiError) throw outcome;
    return outcome;
  }

  private serveFile(path: string, res: ServerResponse): void {
    const file = [...this.state.files.values()].find((f) => f.path === path);
    if (!file) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, { 'content-type': file.mimeType ?? 'application/octet-stream' }).end(file.content);
  }
}

function defaultDescription(status: number): string {
  if (status === 403) return 'Forbidden: bot was blocked by the user';
  if (status === 400) return 'Bad Request: chat not found';
  if (status >= 500) return 'Internal Server Error';
  return `Error ${status}`;
}

function reply(res: ServerResponse, outcome: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const body =
    outcome instanceof BotApiError
      ? {
          ok: false,
          error_code: outcome.status,
          description: outcome.description,
          ...(outcome.parameters ? { parameters: outcome.parameters } : {}),
        }
      : { ok: true, result: outcome };
  const status = outcome instanceof BotApiError ? outcome.status : 200;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
