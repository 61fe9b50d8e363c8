import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../src/runtime/shutdown.js';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('shutdown registry', () => {
  it('runs the steps in order, each after the previous one finished, and exits 0', async () => {
    const shutdown = createShutdown({ log });
    const order: string[] = [];
    shutdown.register('updates', async () => {
      await sleep(30);
      order.push('updates');
    });
    shutdown.register('worker', async () => void order.push('worker'));
    shutdown.register('redis', async () => void order.push('redis'));
    expect(shutdown.isShuttingDown()).toBe(false);
    const code = shutdown.run('test');
    expect(shutdown.isShuttingDown()).toBe(true);
    expect(shutdown.run('again')).toBe(code);
    expect(await code).toBe(0);
    expect(order).toEqual(['updates', 'worker', 'redis']);
  });

  it('keeps going after a failed step, and says so with exit code 1', async () => {
    const shutdown = createShutdown({ log });
    const order: string[] = [];
    shutdown.register('worker', async () => {
      throw new Error('worker close failed');
    });
    shutdown.register('redis', async () => void order.push('redis'));
    expect(await shutdown.run('test')).toBe(1);
    expect(order).toEqual(['redis']);
  });

  it('gives up at the deadline when a step hangs, with exit code 1', async () => {
    const shutdown = createShutdown({ log, deadlineMs: 200 });
    shutdown.register('stuck', () => new Promise<void>(() => {}));
    const started = Date.now();
    expect(await shutdown.run('test')).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
