import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, textMessage, type FakeBotApi } from '../support/fake-bot-api.js';
import { baseEnv, startMain, until, type MainProcess } from '../support/main-process.js';

let fake: FakeBotApi | undefined;
let child: MainProcess | undefined;
afterEach(async () => {
  if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
  child = undefined;
  await fake?.close();
  fake = undefined;
});

const started = (output: string) => (output.match(/"msg":"community desk started"/g) ?? []).length;

/** POSTs one question straight to the webhook, on a connection of its own (so that any process may take it). */
async function post(base: string, secret: string, updateId: number, userId: number): Promise<number> {
  const user = { id: userId, is_bot: false, first_name: 'C', language_code: 'en' };
  const body = JSON.stringify({
    update_id: updateId,
    message: textMessage(user, 'What is the 1+30+N system?', updateId),
  });
  const response = await fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': secret,
      connection: 'close',
    },
    body,
  });
  return response.status;
}

describe('WEB_CONCURRENCY=2 in webhook mode', { timeout: 60_000 }, () => {
  it('runs two bot processes on one port that answer, count together in /metrics, and stop on SIGTERM', async () => {
    fake = await startFakeBotApi();
    const env = await baseEnv(fake, 'grammy');
    const secret = 'cluster_test_secret';
    child = startMain({
      ...env,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: `http://127.0.0.1:${env.HTTP_PORT}/telegram/webhook`,
      WEBHOOK_SECRET: secret,
      WEB_CONCURRENCY: '2',
    });
    await until('both bot processes', () => started(child!.output()) === 2, 30_000, child);
    const base = `http://127.0.0.1:${env.HTTP_PORT}`;

    const first = 1_000_000 + Math.floor(Math.random() * 1e9);
    const users = Array.from({ length: 6 }, (_, i) => 700_000_000 + first + i);
    const statuses = await Promise.all(users.map((id, i) => post(base, secret, first + i, id)));
    expect(statuses).toEqual(users.map(() => 200));
    await until('every reply', () => users.every((id) => fake!.sentTo(id).length === 1), 15_000, child);

    // Whichever process a scrape reaches, it reports both processes' updates.
    for (let scrape = 0; scrape < 4; scrape++) {
      const text = await (await fetch(`${base}/metrics`, { headers: { connection: 'close' } })).text();
      expect(text).toMatch(/^desk_answers_total\{outcome="answered"\} 6$/m);
    }

    const signalled = Date.now();
    child.process.kill('SIGTERM');
    const exit = await child.exit;
    expect(exit.code, child.output()).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
  });

  it('shuts down gracefully on Ctrl-C, which signals every process of the group', async () => {
    fake = await startFakeBotApi();
    const env = await baseEnv(fake, 'grammy');
    child = startMain(
      {
        ...env,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: `http://127.0.0.1:${env.HTTP_PORT}/telegram/webhook`,
        WEBHOOK_SECRET: 'cluster_test_secret',
        WEB_CONCURRENCY: '2',
      },
      { ownGroup: true },
    );
    await until('both bot processes', () => started(child!.output()) === 2, 30_000, child);
    process.kill(-child.process.pid!, 'SIGINT');
    const exit = await child.exit;
    expect(exit.code, child.output()).toBe(0);
    expect(child.output()).not.toContain('second signal');
  });

  it('stops and exits 1 with the reason when the bot processes cannot start (a missing knowledge base)', async () => {
    fake = await startFakeBotApi();
    const env = await baseEnv(fake, 'grammy');
    child = startMain({
      ...env,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: `http://127.0.0.1:${env.HTTP_PORT}/telegram/webhook`,
      WEBHOOK_SECRET: 'cluster_test_secret',
      WEB_CONCURRENCY: '2',
      KB_PATH: '/nonexistent/knowledge-base.json',
    });
    const exit = await child.exit;
    expect(exit.code).toBe(1);
    expect(child.output()).toContain('/nonexistent/knowledge-base.json does not exist');
  });

  it('is refused with long polling, in one line naming the variable', async () => {
    fake = await startFakeBotApi();
    child = startMain({ ...(await baseEnv(fake, 'grammy')), WEB_CONCURRENCY: '2' });
    const exit = await child.exit;
    expect(exit.code).toBe(2);
    expect(child.output().trim()).toMatch(/^WEB_CONCURRENCY .*BOT_MODE=webhook/);
  });
});
