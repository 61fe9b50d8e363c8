import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createReplyOutbox } from '../../src/runtime/reply-outbox.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function outbox(maxBacklog?: number) {
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  return { box: createReplyOutbox({ log, ...(maxBacklog ? { maxBacklog } : {}) }), logs };
}

describe('reply outbox', () => {
  it("sends one chat's replies one after another, in order, while other chats go ahead", async () => {
    const { box } = outbox();
    const sent: string[] = [];
    const slow = (what: string, ms: number) => async () => {
      await sleep(ms);
      sent.push(what);
    };
    void box.post(1, slow('a1', 80));
    void box.post(1, slow('a2', 0));
    await box.post(2, slow('b1', 10));
    expect(sent).toEqual(['b1']);
    expect(await box.drained(1_000)).toBe(true);
    expect(sent).toEqual(['b1', 'a1', 'a2']);
  });

  it('drops what a chat cannot take any more, warns once when it starts and once when the chat caught up', async () => {
    const { box, logs } = outbox(2);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const posted = [box.post(-5, () => held), box.post(-5, async () => {}), box.post(-5, async () => {})];
    expect(posted.map((p) => p !== null)).toEqual([true, true, false]);
    expect(box.post(-5, async () => {})).toBeNull();
    expect(box.post(6, async () => {})).not.toBeNull();
    release();
    await box.drained(1_000);
    const warnings = logs.filter((l) => l.level === 40);
    expect(warnings).toMatchObject([
      { chatId: -5, maxBacklog: 2, msg: 'reply backlog full: dropping replies' },
      { chatId: -5, dropped: 2, msg: 'reply backlog cleared' },
    ]);
    expect(box.post(-5, async () => {})).not.toBeNull();
  });

  it('keeps going after a delivery that fails, and says when shutdown would have to stop waiting', async () => {
    const { box, logs } = outbox();
    void box.post(1, async () => Promise.reject(new Error('boom')));
    const after = box.post(1, () => sleep(200));
    expect(await box.drained(50)).toBe(false);
    await after;
    expect(await box.drained(50)).toBe(true);
    expect(logs.some((l) => l.level === 50 && l.msg === 'reply delivery failed')).toBe(true);
  });
});
