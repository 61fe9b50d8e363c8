import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../src/app/desk.js';
import { frameworks } from '../support/bot-starters.js';
import { startTransportBot, type IntakeMode, type TransportBot } from '../support/transport-bot.js';

/** What users wrote in these scenarios; none of it may reach a log line at info or above. */
const QUESTION = 'Is my confidential startup idea for ceramic filters eligible';
const CRASHING_TEXT = 'please crash on this private sentence';

/** A desk with a bug outside its own error boundary: one text makes `handle` itself reject. */
const crashOn =
  (text: string) =>
  (desk: Desk): Desk => ({
    ...desk,
    handle: (input, log) =>
      input.kind === 'text' && input.text.text === text
        ? Promise.reject(new TypeError('desk bug outside the boundary'))
        : desk.handle(input, log),
  });

const records = (bot: TransportBot) => bot.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** Every line at info or above is free of the token and of what users wrote. */
function expectNoSecrets(bot: TransportBot): void {
  const atInfoOrAbove = bot.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 30);
  expect(atInfoOrAbove.length).toBeGreaterThan(0);
  for (const line of atInfoOrAbove) {
    expect(line).not.toContain(bot.fake.token);
    expect(line).not.toContain(bot.fake.token.split(':')[1]);
    expect(line).not.toContain(QUESTION);
    expect(line).not.toContain(CRASHING_TEXT);
  }
}

const modes: IntakeMode[] = ['polling', 'webhook'];

describe.each(frameworks())('logs keep the token and user text out (%s)', (framework) => {
  describe.each(modes)('%s', (mode) => {
    let bot: TransportBot | undefined;
    afterEach(async () => {
      await bot?.stop();
      bot = undefined;
    });

    it('a dropped connection to the Bot API is logged with its method, not its URL', async () => {
      bot = await startTransportBot({ framework, mode });
      const user = bot.fake.user();
      if (mode === 'polling') {
        bot.fake.failNext('getUpdates', { network: true });
        await bot.waitForLog((r) => r.msg === 'getUpdates failed; retrying');
      }
      bot.fake.failNext('sendMessage', { network: true });
      bot.fake.sendText(user, QUESTION);
      await bot.waitForLog((r) => r.msg === 'Bot API call failed' && r.what === 'sendMessage');
      // And the bot goes on: the next message is answered.
      bot.fake.sendCommand(user, 'help');
      await bot.fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
      expectNoSecrets(bot);
    });

    it('a user who blocked the bot: the refused send keeps the code and method, never the payload', async () => {
      bot = await startTransportBot({ framework, mode });
      const user = bot.fake.user();
      bot.fake.blockChat(user.id);
      // The confirmation prompt quotes the question back, so the refused request's payload holds it.
      bot.fake.sendCommand(user, 'ask', QUESTION);
      await bot.waitForLog((r) => r.msg === 'Bot API call failed' && r.level === 50);
      const failed = records(bot).find((r) => r.msg === 'Bot API call failed' && r.level === 50)!;
      expect(failed.err).toMatchObject({ method: 'sendMessage', error_code: 403 });
      expect(JSON.stringify(failed.err)).toContain('blocked');
      expectNoSecrets(bot);
    });

    it('an error escaping the desk is logged with its class and message, without context or update', async () => {
      bot = await startTransportBot({ framework, mode, wrapDesk: crashOn(CRASHING_TEXT) });
      const user = bot.fake.user();
      bot.fake.sendText(user, CRASHING_TEXT);
      await bot.waitForLog((r) => r.level === 50 && /outside the (desk|error boundary)/.test(String(r.msg)));
      const logged = records(bot).find((r) => r.level === 50)!;
      expect(JSON.stringify(logged.err)).toContain('desk bug outside the boundary');
      expect(JSON.stringify(logged)).not.toMatch(/"(ctx|update|api|telegram|payload)"/);
      // The bot goes on.
      bot.fake.sendCommand(user, 'help');
      await bot.fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id);
      expectNoSecrets(bot);
    });
  });
});
