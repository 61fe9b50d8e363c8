import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttp } from '../../../src/adapters/http/start-http.js';
import type { HttpServer } from '../../../src/adapters/http/server.js';
import { parseConfig } from '../../../src/config/env.js';
import { createLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/observability/metrics.js';

const log = createLogger('silent');
let http: HttpServer | undefined;
afterEach(async () => {
  await http?.close(100);
  http = undefined;
});

/** An address of this machine other than loopback, when it has one. */
const outsideAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('startHttp on HTTP_HOST', () => {
  it('with HTTP_HOST=127.0.0.1, /metrics answers on loopback and nowhere else', async () => {
    const { HTTP_HOST } = parseConfig({ HTTP_HOST: '127.0.0.1' });
    const metrics = createMetrics({ defaultMetrics: false });
    http = await startHttp({ port: 0, host: HTTP_HOST, log, metrics, checks: [] });
    const { address, port } = http.server.address() as AddressInfo;
    expect(address).toBe('127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    const outside = outsideAddress();
    if (outside) await expect(fetch(`http://${outside}:${port}/metrics`)).rejects.toThrow();
  });
});
