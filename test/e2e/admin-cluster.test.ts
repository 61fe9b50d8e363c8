import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import { uniquePrefix } from '../support/redis.js';
import { invalidKb, kbText, nextKb } from '../app/reload/support.js';
import { admin, adminBots, fundingReply, upload, workbookOf } from './admin-reload-support.js';

const t = createTranslator();
const bot = adminBots();

describe.each(frameworks())('admin (%s)', (framework) => {
  describe('several instances sharing one Redis', () => {
    it('both switch after one reload, and /kb shows the version each serves', async () => {
      const prefix = uniquePrefix('cluster');
      const a = await bot({ framework, instanceId: 'bot-a', prefix });
      const b = await bot({ framework, instanceId: 'bot-b', prefix });
      const [userA, userB] = [a.h.user({ languageCode: 'en' }), b.h.user({ languageCode: 'en' })];
      const text = kbText(await nextKb('shared.1'));

      const { reply } = await upload(a, admin(), text);

      expect(reply.text).toContain(
        t('en', 'admin:instance_reloaded', { id: 'bot-b', version: 'shared.1', ms: 0 }).split(' (')[0],
      );
      expect(await fundingReply(a, userA)).toContain('NEW ANSWER (en)');
      expect(await fundingReply(b, userB)).toContain('NEW ANSWER (en)');
      expect(await readFile(b.kbPath, 'utf8')).toBe(text);

      const kb = (await b.h.command(admin(), 'kb')).reply.visibleText;
      expect(kb).toMatch(/• bot-a: version shared\.1, 27 entries/);
      expect(kb).toMatch(/• bot-b: version shared\.1, 27 entries/);
      expect(kb).not.toContain(t('en', 'admin:kb_versions_differ'));
    });

    it('a workbook sent to one instance reaches the others as the same JSON file', async () => {
      const prefix = uniquePrefix('cluster');
      const a = await bot({ framework, instanceId: 'bot-a', prefix });
      const b = await bot({ framework, instanceId: 'bot-b', prefix });

      const { reply } = await upload(a, admin(), await workbookOf('shared-xlsx.1'), '/reload', 'kb.xlsx');

      expect(reply.visibleText).toContain('• bot-b: ✅ version shared-xlsx.1');
      expect(await fundingReply(b, b.h.user({ languageCode: 'en' }))).toContain('NEW ANSWER (en)');
      expect(await readFile(b.kbPath, 'utf8')).toBe(await readFile(a.kbPath, 'utf8'));
    });

    it('an instance that cannot load it keeps its version and says so', async () => {
      const prefix = uniquePrefix('cluster');
      const a = await bot({ framework, instanceId: 'bot-a', prefix });
      const b = await bot({ framework, instanceId: 'bot-b', prefix });
      const serving = b.h.store.current().version;
      await writeFile(a.kbPath, kbText(await nextKb('a-only.1')));
      await writeFile(b.kbPath, kbText(await invalidKb()));

      const { reply } = await a.h.command(admin(), 'reload');

      expect(reply.visibleText).toContain(`• bot-b: ⚠️ refused it (entry`);
      expect(reply.visibleText).toContain(`and still serves ${serving}`);
      expect(b.h.store.current().version).toBe(serving);
      const kb = (await a.h.command(admin(), 'kb')).reply.visibleText;
      expect(kb).toContain(t('en', 'admin:kb_versions_differ'));
      expect(kb).toMatch(/its last reload failed .* ago: entry/);
    });
  });
});
