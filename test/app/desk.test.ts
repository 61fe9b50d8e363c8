import { describe, expect, it } from 'vitest';
import type { Feature } from '../../src/app/feature.js';
import { createDesk } from '../../src/app/desk.js';
import { FeatureConflictError } from '../../src/app/router.js';
import { command, sender, tap, testDesk, text, translate, shippedStore } from './desk-fixture.js';
import { pino } from 'pino';
import { createInMemoryLanguagePreferences } from '../../src/app/language-preferences.js';
import { parseTelegramHtml } from '../support/fake-bot-api.js';

const boom: Feature = {
  name: 'boom',
  commands: {
    boom: async () => {
      throw new Error('feature bug');
    },
  },
  callbacks: {
    boom: async () => {
      throw new Error('feature bug');
    },
  },
};

describe('desk: interface language', () => {
  it('follows the Telegram client language, mapped to one of the four', async () => {
    const { desk } = await testDesk();
    const reply = async (languageCode?: string) =>
      (await desk.handle(command(sender({ languageCode }), 'start'))).replies![0]!.html;
    expect(await reply('zh-hans')).toBe(translate('zh', 'start:welcome', { name: 'Ada' }));
    expect(await reply('de-AT')).toBe(translate('de', 'start:welcome', { name: 'Ada' }));
    expect(await reply('fr-CA')).toBe(translate('fr', 'start:welcome', { name: 'Ada' }));
  });

  it('falls back to DEFAULT_LANGUAGE for other or missing client languages', async () => {
    const { desk } = await testDesk({ defaultLanguage: 'de' });
    const start = await desk.handle(command(sender({ languageCode: 'pt-BR' }), 'start'));
    expect(start.replies![0]!.html).toBe(translate('de', 'start:welcome', { name: 'Ada' }));
    const none = await desk.handle(command(sender(), 'start'));
    expect(none.replies![0]!.html).toBe(translate('de', 'start:welcome', { name: 'Ada' }));
  });

  it('puts the /lang choice above the client language', async () => {
    const { desk, preferences } = await testDesk();
    await preferences.set(42, 'fr');
    const start = await desk.handle(command(sender({ languageCode: 'zh' }), 'start'));
    expect(start.replies![0]!.html).toBe(translate('fr', 'start:welcome', { name: 'Ada' }));
  });

  it('still answers when the preference store throws', async () => {
    const { desk } = await testDesk({
      preferences: {
        get: async () => {
          throw new Error('store down');
        },
        set: async () => false,
      },
    });
    const start = await desk.handle(command(sender({ languageCode: 'de' }), 'start'));
    expect(start.replies![0]!.html).toBe(translate('de', 'start:welcome', { name: 'Ada' }));
  });
});

describe('desk: routing and the error boundary', () => {
  it('answers an unknown command with a hint in private chats and stays quiet in groups', async () => {
    const { desk } = await testDesk();
    const hint = await desk.handle(command(sender({ languageCode: 'de' }), 'frobnicate'));
    expect(hint.replies![0]!.html).toBe(translate('de', 'errors:unknown_command'));
    const group = await desk.handle(command(sender({ chatId: -100, chatType: 'supergroup' }), 'frobnicate'));
    expect(group).toEqual({});
  });

  it('turns a failing feature into an apology in the user language and logs it with the update_id', async () => {
    const { desk, logs } = await testDesk({ extraFeatures: [boom] });
    const input = command(sender({ languageCode: 'zh' }), 'boom');
    const response = await desk.handle(input);
    expect(response).toEqual({ replies: [{ html: translate('zh', 'errors:apology') }] });
    const logged = logs.find((l) => l.level === 50);
    expect(logged).toMatchObject({ update_id: input.updateId, err: { message: 'feature bug' } });
  });

  it('logs a question as one info line with its outcome and entry, and its text only at debug', async () => {
    const { desk, logs } = await testDesk();
    const question = 'Who leads the laser equipment community?';
    await desk.handle(text(sender({ languageCode: 'en' }), question));
    const info = logs.filter((l) => l.level === 30);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      msg: 'update handled',
      kind: 'text',
      outcome: 'answered',
      entry: 'laser-equipment',
    });
    expect(JSON.stringify(info)).not.toContain(question);
    expect(logs.some((l) => l.level === 20 && l.text === question)).toBe(true);
  });

  it('apologises to a failing button tap with an alert', async () => {
    const { desk } = await testDesk({ extraFeatures: [boom] });
    const response = await desk.handle(tap(sender({ languageCode: 'fr' }), '1:boom'));
    expect(response.toast).toEqual({ text: translate('fr', 'errors:apology'), alert: true });
  });

  it('tells a stale or unknown button that it is out of date', async () => {
    const { desk } = await testDesk();
    for (const data of ['0:be:laser-equipment', 'garbage', '1:nope', '1:a:no-such-entry:n:en']) {
      const response = await desk.handle(tap(sender({ languageCode: 'de' }), data));
      expect(response.toast, data).toEqual({ text: translate('de', 'errors:stale_button') });
    }
  });

  it('lets a guard end an update before routing', async () => {
    const { desk } = await testDesk({ guards: [async () => ({ replies: [{ html: 'slow down' }] })] });
    expect((await desk.handle(text(sender(), 'laser'))).replies).toEqual([{ html: 'slow down' }]);
  });

  it('words a guard response in the update language, and apologises in it when a guard fails', async () => {
    const notice = async (_: unknown, context: Promise<{ t: (key: string) => string }>) => ({
      replies: [{ html: (await context).t('runtime:rate_limited') }],
    });
    const told = await testDesk({ guards: [notice] });
    const reply = await told.desk.handle(text(sender({ languageCode: 'de' }), 'laser'));
    expect(reply.replies).toEqual([{ html: translate('de', 'runtime:rate_limited') }]);
    for (const failing of [
      async () => Promise.reject(new Error('guard bug')),
      () => {
        throw new Error('guard bug, thrown at once');
      },
    ]) {
      const { desk } = await testDesk({ guards: [failing] });
      const response = await desk.handle(text(sender({ languageCode: 'fr' }), 'laser'));
      expect(response.replies).toEqual([{ html: translate('fr', 'errors:apology') }]);
    }
  });

  it('takes the first guard that responds, in order, whatever a later one does', async () => {
    const first = async () => ({ replies: [{ html: 'first' }] });
    const later = async () => Promise.reject(new Error('later guard bug'));
    const { desk } = await testDesk({ guards: [async () => null, first, later] });
    expect((await desk.handle(text(sender(), 'laser'))).replies).toEqual([{ html: 'first' }]);
  });

  it('apologises, with nothing left unhandled, when the context fails while a guard waits for it', async () => {
    const store = await shippedStore();
    const broken = {
      ...store,
      current: () => {
        throw new Error('store bug');
      },
    };
    const waiting = async (_: unknown, context: Promise<unknown>) => (await context, null);
    const { desk } = await testDesk({ store: broken, guards: [waiting] });
    const response = await desk.handle(text(sender({ languageCode: 'de' }), 'laser'));
    expect(response.replies).toEqual([{ html: translate('en', 'errors:apology') }]);
  });

  it('caps every outgoing message under 4096 characters', async () => {
    const long: Feature = {
      name: 'long',
      commands: { long: async () => ({ replies: [{ html: `<b>${'x'.repeat(9000)}</b>` }] }) },
    };
    const { desk } = await testDesk({ extraFeatures: [long] });
    const html = (await desk.handle(command(sender(), 'long'))).replies![0]!.html;
    // Telegram counts the text it shows, tags left out.
    expect(parseTelegramHtml(html).length).toBeLessThanOrEqual(4096);
    expect(html.endsWith('</b>')).toBe(true);
  });

  it('refuses two features claiming the same command', async () => {
    const logger = pino({ level: 'silent' });
    const twice = (name: string): Feature => ({ name, commands: { same: async () => ({}) } });
    const store = await shippedStore();
    expect(() =>
      createDesk({
        features: [twice('a'), twice('b')],
        store,
        translate,
        preferences: createInMemoryLanguagePreferences(),
        defaultLanguage: 'en',
        logger,
      }),
    ).toThrow(FeatureConflictError);
  });

  it('lists the command menu of every feature in the requested language', async () => {
    const { desk } = await testDesk();
    const menu = desk.commandMenu('zh');
    expect(menu.map((c) => c.command)).toEqual(['start', 'help', 'lang', 'communities']);
    expect(menu[2]!.description).toBe(translate('zh', 'language:menu'));
  });
});
