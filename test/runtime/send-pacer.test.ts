import { describe, expect, it } from 'vitest';
import { createSendPacer } from '../../src/runtime/send-pacer.js';

async function timesOf(wait: () => Promise<void>, count: number): Promise<number[]> {
  const started = Date.now();
  return Promise.all(Array.from({ length: count }, () => wait().then(() => Date.now() - started)));
}

describe('send pacer', () => {
  it('lets a burst through to one chat, then spaces messages at the per-chat rate', async () => {
    const pacer = createSendPacer({ privatePerSecond: 10, burst: 3, globalPerSecond: Infinity });
    const times = (await timesOf(() => pacer.wait(42), 6)).sort((a, b) => a - b);
    expect(times.slice(0, 3).every((t) => t < 60)).toBe(true);
    // Then one every 100 ms.
    expect(times[3]).toBeGreaterThanOrEqual(90);
    expect(times[5]).toBeGreaterThanOrEqual(290);
    expect(times[5]).toBeLessThan(800);
  });

  it('paces groups (negative ids) by the minute, and does not hold back other chats', async () => {
    const pacer = createSendPacer({
      groupPerMinute: 600,
      burst: 1,
      privatePerSecond: 1,
      globalPerSecond: Infinity,
    });
    const group = await timesOf(() => pacer.wait(-100123), 3);
    expect(Math.max(...group)).toBeGreaterThanOrEqual(180); // 100 ms apart
    const others = await timesOf(() => pacer.wait(Math.floor(Math.random() * 1e9)), 50);
    expect(Math.max(...others)).toBeLessThan(100);
  });

  it('caps all chats together at the global rate', async () => {
    const pacer = createSendPacer({ globalPerSecond: 100, privatePerSecond: 1000 });
    let chat = 1;
    const times = await timesOf(() => pacer.wait(chat++), 150);
    // A burst of 100 at once, the next 50 over half a second.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(450);
    expect(times.filter((t) => t < 150).length).toBeGreaterThanOrEqual(95);
  });
});
