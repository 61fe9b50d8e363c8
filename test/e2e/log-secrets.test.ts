import { afterEach, describe, expect, it } from 'vitest';
import { startBotHarness, type BotHarness, type IntakeMode } from '../support/bot-harness.js';
import { frameworks } from '../support/bot-starters.js';

/** What users wrote in these scenarios; none of it may reach a log line at info or above. */
const QUESTION = 'Is my confidential startup idea for ceramic filters eligible';
const CRASHING_TEXT = 'please crash on this private sentence';
/** A staff chat, so that /ask offers a ticket and quotes the question back. */
const STAFF_CHAT_ID = '-1001999000111';

/**
 * Plants a bug outside the desk's error boundary in the running bot: one text makes `handle` itself reject.
 * The bot looks `handle` up on this very desk for each update.
 */
function crashOn(h: BotHarness, text: string): void {
  const handle = h.desk.handle.bind(h.desk);
  h.desk.handle = (input, log) =>
    input.kind === 'text' && input.text.text === text
      ? Promise.reject(new TypeError('desk bug outside the boundary'))
      : handle(input, log);
}

/** Every line at info or above is free of the token and of what users wrote. */
function expectNoSecrets(h: BotHarness): void {
  const atInfoOrAbove = h.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 30);
  expect(atInfoOrAbove.length).toBeGreaterThan(0);
  for (const line of atInfoOrAbove) {
    expect(line).not.toContain(h.fake.token);
    expect(line).not.toContain(h.fake.token.split(':')[1]);
    expect(line).not.toContain(QUESTION);
    expect(line).not.toContain(CRASHING_TEXT);
  }
}

const modes: IntakeMode[] = ['polling', 'webhook'];

describe.each(frameworks())('logs keep the token and user text out (%s)', (framework) => {
  describe.each(modes)('%s', (mode) => {
    let h: BotHarness | undefined;
    afterEach(async () => {
      await h?.stop();
      h = undefined;
    });

    const start = () => startBotHarness({ framework, mode, env: { STAFF_CHAT_ID } });

    it('a dropped connection to the Bot API is logged with its method, not its URL', async () => {
      h = await start();
      const user = h.user();
      // A long poll is under way: the update ends it, and the poll after it is dropped.
      if (mode === 'polling') h.fake.failNext('getUpdates', { network: true });
      h.fake.failNext('sendMessage', { network: true });
      h.fake.sendText(user, QUESTION);
      if (mode === 'polling') await h.waitForLog((r) => r.msg === 'getUpdates failed; retrying');
      await h.waitForLog((r) => r.msg === 'Bot API call failed' && r.what === 'sendMessage');
      // And the bot goes on: the next message is answered.
      h.fake.sendCommand(user, 'help');
      await h.fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
      expectNoSecrets(h);
    });

    it('a user who blocked the bot: the refused send keeps the code and method, never the payload', async () => {
      h = await start();
      const user = h.user();
      h.fake.blockChat(user.id);
      // The confirmation prompt quotes the question back, so the refused request's payload holds it.
      h.fake.sendCommand(user, 'ask', QUESTION);
      const failed = await h.waitForLog((r) => r.msg === 'Bot API call failed' && r.level === 50);
      expect(failed.err).toMatchObject({ method: 'sendMessage', error_code: 403 });
      expect(JSON.stringify(failed.err)).toContain('blocked');
      expectNoSecrets(h);
    });

    it('an error escaping the desk is logged with its class and message, without context or update', async () => {
      h = await start();
      crashOn(h, CRASHING_TEXT);
      const user = h.user();
      h.fake.sendText(user, CRASHING_TEXT);
      const logged = await h.waitForLog(
        (r) => r.level === 50 && /outside the (desk|error boundary)/.test(String(r.msg)),
      );
      expect(JSON.stringify(logged.err)).toContain('desk bug outside the boundary');
      expect(JSON.stringify(logged)).not.toMatch(/"(ctx|update|api|telegram|payload)"/);
      // The bot goes on.
      h.fake.sendCommand(user, 'help');
      await h.fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
      expectNoSecrets(h);
    });
  });
});
