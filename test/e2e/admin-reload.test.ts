import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateKnowledgeBase } from '../../bench/support/generate-kb.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import { invalidKb, kbText, nextKb } from '../app/reload/support.js';
import { admin, adminBots, fundingReply, upload } from './admin-reload-support.js';

const t = createTranslator();
const bot = adminBots();

describe.each(frameworks())('admin (%s)', (framework) => {
  describe('/reload in Telegram', () => {
    it('a valid knowledge base changes the answers at once, and the admin learns what changed', async () => {
      const b = await bot({ framework });
      const user = b.h.user({ languageCode: 'en' });
      const oldVersion = b.h.store.current().version;
      expect(await fundingReply(b, user)).not.toMatch(/NEW ANSWER/);
      await writeFile(b.kbPath, kbText(await nextKb('2030-01-01.1')));

      const { reply } = await b.h.command(admin(), 'reload');

      expect(reply.text).toContain(
        t('en', 'admin:reloaded_title', { version: '2030-01-01.1', previous: oldVersion }),
      );
      expect(reply.text).toContain(
        t('en', 'admin:entries', { count: 27, perLanguage: 'en 27, zh 27, de 27, fr 27' }),
      );
      expect(reply.text).toContain(t('en', 'admin:added', { count: 1, ids: 'incubators' }));
      expect(reply.text).toContain(t('en', 'admin:removed', { count: 1, ids: 'batches' }));
      expect(reply.visibleText).toMatch(/Changed \(\d+\): .*funding/);
      expect(reply.text).toContain(t('en', 'admin:no_other_instances'));
      expect(await fundingReply(b, user)).toContain('NEW ANSWER (en)');
    });

    it('an invalid knowledge base changes nothing, and the admin gets its errors by entry and field', async () => {
      const b = await bot({ framework });
      const user = b.h.user({ languageCode: 'en' });
      const before = await fundingReply(b, user);
      const serving = b.h.store.current();
      await writeFile(b.kbPath, kbText(await invalidKb()));

      const { reply } = await b.h.command(admin(), 'reload');

      expect(reply.text).toContain(t('en', 'admin:refused_title', { count: 2, version: serving.version }));
      expect(reply.visibleText).toContain('• entry funding: answer.fr: is missing');
      expect(reply.visibleText).toContain(
        '• entry seven-elements: sources[0].url: must be an http:// or https:// address',
      );
      expect(b.h.store.current()).toBe(serving);
      expect(await fundingReply(b, user)).toBe(before);
    });

    it('anyone not in ADMIN_IDS is refused politely, in their language, and the attempt is logged', async () => {
      const b = await bot({ framework });
      const stranger = b.h.user({ languageCode: 'de' });
      const serving = b.h.store.current();
      const text = kbText(await nextKb());
      await writeFile(b.kbPath, text);

      for (const command of ['reload', 'kb']) {
        const { reply } = await b.h.command(stranger, command);
        expect(reply.text).toBe(t('de', 'admin:not_allowed'));
      }
      expect((await upload(b, stranger, text)).reply.text).toBe(t('de', 'admin:not_allowed'));
      // A document without the caption is not an attempt at all.
      expect((await upload(b, stranger, text, 'my notes')).reply.text).not.toBe(t('de', 'admin:not_allowed'));

      expect(b.h.store.current()).toBe(serving);
      const refusals = b.h.logs.filter((r) => r.msg === 'admin action refused');
      expect(refusals.map((r) => [r.userId, r.attempt])).toEqual([
        [stranger.id, '/reload'],
        [stranger.id, '/kb'],
        [stranger.id, 'document /reload'],
      ]);
    });
  });

  describe('questions asked during a reload', () => {
    it('each get a complete answer from one version or the other', async () => {
      const b = await bot({ framework });
      const users = Array.from({ length: 4 }, () => b.h.user({ languageCode: 'en' }));
      const oldAnswer = await fundingReply(b, users[0]!);
      // 1,000 entries, so that the reload takes long enough for questions to come in between its steps.
      const { kb } = generateKnowledgeBase(1_000, 7, await nextKb('during.1'));
      await writeFile(b.kbPath, kbText({ ...kb, version: 'during.1' }));

      let reloading = true;
      const asking = users.map(async (user) => {
        const replies: string[] = [];
        while (reloading) replies.push(await fundingReply(b, user));
        replies.push(await fundingReply(b, user));
        return replies;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { reply } = await b.h.command(admin(), 'reload');
      reloading = false;
      expect(reply.visibleText).toContain('version during.1');
      const replies = (await Promise.all(asking)).flat();

      const newAnswer = replies.at(-1)!;
      expect(newAnswer).toContain('NEW ANSWER (en)');
      expect(replies.length).toBeGreaterThan(8);
      expect(b.h.store.current().kb.entries).toHaveLength(1_000);
      expect(replies.filter((r) => r !== oldAnswer && r !== newAnswer)).toEqual([]);
    });
  });
});
