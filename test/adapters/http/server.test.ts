import { request } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/adapters/http/server.js';
import { HttpError, type Route } from '../../../src/adapters/http/types.js';

const log = pino({ level: 'silent' });
let http: HttpServer;
let base: string;

async function start(...routes: Route[]): Promise<void> {
  http = createHttpServer({ log });
  for (const route of routes) http.mount(route);
  base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}

afterEach(async () => {
  await http?.close(100);
});

const echo: Route = {
  method: 'POST',
  path: '/echo',
  maxBodyBytes: 16,
  handle: async (req) => ({ status: 200, body: { got: req.body.toString() } }),
};

describe('http server', () => {
  it('routes by exact path and method, with JSON errors for the rest', async () => {
    await start(echo);
    const ok = await fetch(`${base}/echo`, { method: 'POST', body: 'hi' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ got: 'hi' });

    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not_found' });

    const wrongMethod = await fetch(`${base}/echo`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('refuses a body over the route limit with 413, declared or streamed', async () => {
    let handled = 0;
    await start({ ...echo, handle: async () => ({ status: 200, body: { n: ++handled } }) });
    const declared = await fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(17) });
    expect(declared.status).toBe(413);

    const streamed = await new Promise<number>((resolve, reject) => {
      // Chunked: no Content-Length, so only counting while reading can catch it.
      const req = request(`${base}/echo`, { method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.write('x'.repeat(10));
      setTimeout(() => req.end('y'.repeat(10)), 20);
    });
    expect(streamed).toBe(413);
    expect(handled).toBe(0);
  });

  it('answers a failing route with a bare 500: no error text reaches the client', async () => {
    await start({
      method: 'GET',
      path: '/boom',
      handle: async () => {
        throw new Error('password=hunter2 at /srv/app/secret.ts:12');
      },
    });
    const res = await fetch(`${base}/boom`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toMatch(/hunter2|secret\.ts|Error/);
    expect(JSON.parse(text)).toEqual({ error: 'internal', requestId: res.headers.get('x-request-id') });
  });

  it('runs authorize before reading the body, and passes HttpError codes to the client', async () => {
    let bodyRead = false;
    await start({
      method: 'POST',
      path: '/admin/reload',
      authorize(headers) {
        if (headers.authorization !== 'Bearer right') throw new HttpError(401, 'unauthorized');
      },
      handle: async () => {
        bodyRead = true;
        return { status: 202, body: { ok: true } };
      },
    });
    const refused = await fetch(`${base}/admin/reload`, { method: 'POST', body: 'x'.repeat(1_000_000) });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'unauthorized' });
    expect(bodyRead).toBe(false);
    const allowed = await fetch(`${base}/admin/reload`, {
      method: 'POST',
      headers: { authorization: 'Bearer right' },
    });
    expect(allowed.status).toBe(202);
  });

  it('stays quiet when a client hangs up mid-body, and keeps serving', async () => {
    const logged: string[] = [];
    http = createHttpServer({
      log: pino({ level: 'info' }, { write: (line: string) => void logged.push(line) }),
    });
    http.mount(echo);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    await new Promise<void>((resolve) => {
      const req = request(`${base}/echo`, { method: 'POST', headers: { 'content-length': '10' } });
      req.on('error', () => resolve());
      req.write('abc');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(logged.filter((l) => l.includes('"level":50'))).toEqual([]);
    expect((await fetch(`${base}/echo`, { method: 'POST', body: 'ok' })).status).toBe(200);
  });

  it('hands every path under a prefix route to it, and nothing beside it', async () => {
    const seen: string[] = [];
    await start(echo);
    http.mountPrefix({
      prefix: '/board',
      handle: async (req, res) => {
        seen.push(req.url!);
        if (req.url === '/board/refused') return { status: 401, body: { error: 'unauthorized' } };
        if (req.url === '/board/boom') throw new Error('secret detail');
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`app saw ${req.method} ${req.url}`);
        return null;
      },
    });
    const app = await fetch(`${base}/board/api/x?y=1`, { method: 'PUT', body: 'z' });
    expect(await app.text()).toBe('app saw PUT /board/api/x?y=1');
    expect((await fetch(`${base}/board`)).status).toBe(200);

    const refused = await fetch(`${base}/board/refused`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    const failed = await fetch(`${base}/board/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain('secret detail');

    expect((await fetch(`${base}/boardroom`)).status).toBe(404);
    expect((await fetch(`${base}/echo`, { method: 'POST', body: 'hi' })).status).toBe(200);
    expect(seen).toEqual(['/board/api/x?y=1', '/board', '/board/refused', '/board/boom']);
    const overlapping = { prefix: '/board/api', handle: async () => null };
    expect(() => http.mountPrefix(overlapping)).toThrow(/already mounted/);
  });

  it('refuses to mount the same route twice', async () => {
    await start(echo);
    expect(() => http.mount(echo)).toThrow(/already mounted/);
  });

  it('close() lets a request in progress finish', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await start({
      method: 'GET',
      path: '/slow',
      handle: async () => {
        await gate;
        return { status: 200, body: { done: true } };
      },
    });
    const pending = fetch(`${base}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const closing = http.close(2_000);
    setTimeout(release, 100);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${base}/slow`)).rejects.toThrow();
  });
});
