import { afterEach, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/app/feature.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startBotHarness, type BotHarness } from '../support/bot-harness.js';
import { frameworks } from '../support/bot-starters.js';

const t = createTranslator();

/** A feature with a bug: its command always throws. */
const faulty: Feature = {
  name: 'faulty',
  commands: {
    crash: async () => {
      throw new Error('bug in a feature');
    },
  },
};

describe.each(frameworks())('failures (%s)', (framework) => {
  let h: BotHarness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('apologises in the user language when a handler throws, logs the update_id, and keeps running', async () => {
    h = await startBotHarness({ framework, extraFeatures: () => [faulty] });
    const user = h.user({ languageCode: 'fr' });
    const crash = await h.command(user, 'crash');
    expect(crash.reply.text).toBe(t('fr', 'errors:apology'));
    const logged = h.logs.find((l) => l.level === 50 && l.update_id === crash.update.update_id);
    expect(logged).toMatchObject({ err: { message: 'bug in a feature' } });
    expect((await h.command(user, 'start')).reply.text).toBe(
      t('fr', 'start:welcome', { name: user.first_name }),
    );
  });

  it('waits out a 429 and then delivers the answer', async () => {
    h = await startBotHarness({ framework });
    h.fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const { reply, calls } = await h.command(h.user(), 'help');
    const sends = calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.status ?? 200)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(reply.text).toBe(t('en', 'start:help'));
  });

  it('retries a passing 5xx on sendMessage and delivers the answer', async () => {
    h = await startBotHarness({ framework });
    h.fake.failNext('sendMessage', { status: 502, description: 'Bad Gateway' });
    const { reply } = await h.command(h.user(), 'help');
    expect(reply.text).toBe(t('en', 'start:help'));
  });

  it('survives a lasting 5xx on sendMessage: the update is logged as failed and the next one is answered', async () => {
    h = await startBotHarness({ framework, retry: false });
    const user = h.user();
    h.fake.failNext('sendMessage', { status: 500 }, 1);
    const failed = await h.command(user, 'help');
    expect(failed.sent).toEqual([]);
    expect(h.logs.some((l) => l.level === 50 && l.update_id === failed.update.update_id)).toBe(true);
    expect((await h.command(user, 'help')).reply.text).toBe(t('en', 'start:help'));
  });

  it('keeps polling when getUpdates fails for a while', async () => {
    h = await startBotHarness({ framework });
    h.fake.failNext('getUpdates', { status: 500 }, 1);
    const { reply } = await h.command(h.user(), 'help');
    expect(reply.text).toBe(t('en', 'start:help'));
  });
});
