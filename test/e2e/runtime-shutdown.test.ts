import { afterEach, describe, expect, it } from 'vitest';
import { frameworks } from '../support/bot-starters.js';
import { startFakeBotApi, textMessage, type FakeBotApi, type FakeUser } from '../support/fake-bot-api.js';
import { baseEnv, startMain, until, type MainProcess } from '../support/main-process.js';

let fake: FakeBotApi | undefined;
let child: MainProcess | undefined;
afterEach(async () => {
  if (child && child.process.exitCode === null) child.process.kill('SIGKILL');
  child = undefined;
  await fake?.close();
  fake = undefined;
});

/**
 * A question with an update_id of its own: Telegram never reuses one, while every fake numbers from 1, and
 * the webhook's update_id marks in the shared test Redis outlive a test.
 */
function ask(api: FakeBotApi, user: FakeUser): void {
  const updateId = 1_000_000 + Math.floor(Math.random() * 1e9);
  api.pushUpdate({ update_id: updateId, message: textMessage(user, 'What is the 1+30+N system?', 1) });
}

// Each test starts src/main.ts under tsx: seconds on a busy machine, before the scenario's own waits.
const CHILD_TEST_TIMEOUT_MS = 60_000;
const modes = ['polling', 'webhook'] as const;
const runs = frameworks().flatMap((framework) => modes.map((mode) => ({ framework, mode })));

describe.each(runs)(
  'SIGTERM in $mode mode on $framework',
  { timeout: CHILD_TEST_TIMEOUT_MS },
  ({ framework, mode }) => {
    async function startInMode(): Promise<{ env: Record<string, string> }> {
      fake = await startFakeBotApi();
      const env = await baseEnv(fake, framework);
      if (mode === 'webhook') {
        Object.assign(env, {
          BOT_MODE: 'webhook',
          WEBHOOK_URL: `http://127.0.0.1:${env.HTTP_PORT}/telegram/webhook`,
          WEBHOOK_SECRET: 'shutdown_test_secret',
        });
      }
      child = startMain(env);
      // A held long poll is recorded only when it returns, so polling readiness is read from the log.
      const ready =
        mode === 'webhook'
          ? () => fake!.webhook !== null
          : () => child!.output().includes('long polling started');
      await until('the bot taking updates', ready, 15_000, child);
      return { env };
    }

    it('finishes the update in flight, then exits 0 within 10 s', async () => {
      await startInMode();
      const api = fake!;
      const user = api.user({ languageCode: 'en' });
      // The reply's first attempt gets a 429 "retry after 2 s": the update is in flight when the signal comes.
      api.failNext('sendMessage', { status: 429, retryAfter: 2 });
      ask(api, user);
      await api.waitForCall('sendMessage', () => true, 10_000, { includeFailed: true });
      const signalled = Date.now();
      child!.process.kill('SIGTERM');

      const exit = await child!.exit;
      expect(exit.code, child!.output()).toBe(0);
      expect(exit.at - signalled).toBeLessThan(10_000);
      const delivered = api.calls('sendMessage').filter((c) => c.ok && c.params.chat_id === user.id);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.at).toBeGreaterThan(signalled);
    });

    it('exits at once on a second signal', async () => {
      await startInMode();
      const api = fake!;
      const user = api.user();
      // Telegram asks to wait 25 s: the first SIGTERM would wait for it (up to the deadline); the second does
      // not.
      api.failNext('sendMessage', { status: 429, retryAfter: 25 });
      ask(api, user);
      await api.waitForCall('sendMessage', () => true, 10_000, { includeFailed: true });
      child!.process.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const second = Date.now();
      child!.process.kill('SIGTERM');
      const exit = await child!.exit;
      expect(exit.code).not.toBe(0);
      expect(exit.at - second).toBeLessThan(1_000);
    });
  },
);

describe.each(frameworks())(
  'the running bot over HTTP on %s',
  { timeout: CHILD_TEST_TIMEOUT_MS },
  (framework) => {
    it('serves /healthz, /readyz and /metrics, whose counts move with traffic', async () => {
      fake = await startFakeBotApi();
      const env = await baseEnv(fake, framework);
      child = startMain(env);
      await until('long polling', () => child!.output().includes('long polling started'), 15_000, child);
      const base = `http://127.0.0.1:${env.HTTP_PORT}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
      const answered = async () => {
        const text = await (await fetch(`${base}/metrics`)).text();
        return Number(/^desk_answers_total\{outcome="answered"\} (\d+)$/m.exec(text)?.[1] ?? 0);
      };
      const before = await answered();
      ask(fake, fake.user({ languageCode: 'en' }));
      await fake.waitForCall('sendMessage');
      // The update is counted once its reply is sent, a moment after the fake recorded the call.
      const counted = /^desk_updates_handled_total\{kind="text"\} 1$/m;
      let text = '';
      for (let i = 0; i < 40 && !counted.test(text); i++) {
        await new Promise((r) => setTimeout(r, 25));
        text = await (await fetch(`${base}/metrics`)).text();
      }
      expect(text).toMatch(counted);
      expect(await answered()).toBe(before + 1);
      child.process.kill('SIGTERM');
      expect((await child.exit).code).toBe(0);
    });
  },
);
