import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/adapters/http/server.js';
import { parseConfig } from '../../src/config/env.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { composeFollowUps, type FollowUps } from '../../src/wiring/follow-ups.js';
import { wireQueueDashboard } from '../../src/wiring/queue-dashboard.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const TOKEN = 'wiring-test-admin-token-0123456789';
const log = pino({ level: 'silent' });
const translate = createTranslator();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(env: Record<string, string>, withFollowUps: boolean): Promise<string> {
  const namespace = `${uniquePrefix('wire')}:`;
  let followUps: FollowUps | null = null;
  if (withFollowUps) {
    const composed = composeFollowUps({
      redisUrl: testRedisUrl(),
      staffChatId: -100123,
      staffLanguage: 'en',
      remindAfterMinutes: 30,
      translate,
      log,
      namespace,
    });
    cleanups.push(() => composed.close());
    await composed.whenReady();
    followUps = composed;
  }
  const http: HttpServer = createHttpServer({ log });
  cleanups.push(() => http.close(100));
  wireQueueDashboard(parseConfig(env), { followUps, http, translate, logger: log });
  return `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/admin/queues/api/queues`;
}

describe('wireQueueDashboard', () => {
  it('shows the follow-up queues when ADMIN_TOKEN and follow-ups are both configured', async () => {
    const url = await serve({ ADMIN_TOKEN: TOKEN }, true);
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { queues } = (await res.json()) as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(queues.map((q) => q.name).sort()).toEqual([
      expect.stringMatching(/followup-staff$/),
      expect.stringMatching(/followup-user$/),
    ]);
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it('mounts nothing without ADMIN_TOKEN, or without follow-ups to show', async () => {
    for (const url of [await serve({}, true), await serve({ ADMIN_TOKEN: TOKEN }, false)]) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    }
  });
});
