import { afterEach, describe, expect, it } from 'vitest';
import { startBotHarness, type BotFramework, type BotHarness } from '../support/bot-harness.js';
import { frameworks } from '../support/bot-starters.js';

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** The bot with RATE_LIMIT_PER_MINUTE=3, its window shortened to 1.5 s to keep the test short. */
function startLimitedBot(framework: BotFramework): Promise<BotHarness> {
  return startBotHarness({
    framework,
    env: { RATE_LIMIT_PER_MINUTE: '3' },
    tuning: { rateLimitWindowMs: 1_500 },
  });
}

describe.each(frameworks())('rate limit, end to end (%s)', (framework) => {
  it('serves up to the limit, notifies once in their language, drops the rest, then serves', async () => {
    harness = await startLimitedBot(framework);
    const user = harness.user({ languageCode: 'de' });
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answered = await harness.say(user, 'Was ist das 1+30+N System?');
      expect(answered.sent).toHaveLength(1);
      answers.push(answered.reply.text);
    }
    const told = await harness.say(user, 'Und noch eine Frage?');
    expect(told.sent).toHaveLength(1);
    expect(told.reply.visibleText).toMatch(/Minute/);
    const dropped = await harness.say(user, 'Hallo?');
    expect(dropped.sent).toHaveLength(0);
    expect(dropped.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);

    // Another user is served meanwhile.
    const other = harness.user({ languageCode: 'en' });
    expect((await harness.say(other, 'What is the 1+30+N system?')).sent).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 1_600));
    const again = await harness.say(user, 'Was ist das 1+30+N System?');
    expect(again.sent).toHaveLength(1);
    expect(again.reply.text).toBe(answers[0]);
  });

  it('keeps answering when Redis is unreachable (the limit fails open)', async () => {
    harness = await startLimitedBot(framework);
    const user = harness.user({ languageCode: 'en' });
    harness.redis.disconnect();
    for (let i = 0; i < 5; i++) {
      expect((await harness.say(user, 'What is the 1+30+N system?')).sent).toHaveLength(1);
    }
  });
});
