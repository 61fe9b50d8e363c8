import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import { kbText, nextKb } from '../app/reload/support.js';
import { admin, adminBots, fundingReply, upload, workbookOf } from './admin-reload-support.js';

const t = createTranslator();
const bot = adminBots();

describe.each(frameworks())('admin (%s)', (framework) => {
  describe('/reload in Telegram', () => {
    it('a JSON document with the caption /reload becomes the knowledge base, the old file kept as a backup', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');
      const text = kbText(await nextKb('uploaded.1'));

      const { reply } = await upload(b, admin(), text);

      expect(reply.visibleText).toContain('Knowledge base reloaded: version uploaded.1');
      expect(reply.text).toContain(t('en', 'admin:backup', { file: `${basename(b.kbPath)}.bak` }));
      expect(reply.text).not.toContain(dirname(b.kbPath));
      expect(await readFile(b.kbPath, 'utf8')).toBe(text);
      expect(await readFile(`${b.kbPath}.bak`, 'utf8')).toBe(previousFile);
      expect(await fundingReply(b, b.h.user({ languageCode: 'en' }))).toContain('NEW ANSWER (en)');
    });

    it('an invalid upload is refused and the file is not touched', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');
      const { reply } = await upload(b, admin(), '{ "version": "x", "entries": [ }');
      expect(reply.visibleText).toMatch(/Not reloaded: .*has 1 error\./);
      expect(reply.visibleText).toContain('• json: invalid JSON at line 1, column');
      expect(await readFile(b.kbPath, 'utf8')).toBe(previousFile);
    });

    it('an upload nested 100,000 levels deep is refused, naming where, and the file is not touched', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');
      const { reply } = await upload(b, admin(), '['.repeat(100_000));
      expect(reply.visibleText).toMatch(/Not reloaded: .*has 1 error\./);
      expect(reply.visibleText).toContain(
        '• json: nested too deeply at line 1, column 65 (more than 64 levels of [ and {)',
      );
      expect(await readFile(b.kbPath, 'utf8')).toBe(previousFile);
    });

    it('an .xlsx workbook with the caption /reload becomes the knowledge base, written as JSON', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');

      const { reply } = await upload(b, admin(), await workbookOf('from-excel.1'), '/reload', 'kb.xlsx');

      expect(reply.visibleText).toContain('Knowledge base reloaded: version from-excel.1');
      expect(reply.text).toContain(t('en', 'admin:added', { count: 1, ids: 'incubators' }));
      expect(reply.text).toContain(t('en', 'admin:removed', { count: 1, ids: 'batches' }));
      expect(JSON.parse(await readFile(b.kbPath, 'utf8'))).toEqual({
        $schema: './knowledge-base.schema.json',
        ...(await nextKb('from-excel.1')),
      });
      expect(await readFile(`${b.kbPath}.bak`, 'utf8')).toBe(previousFile);
      expect(await fundingReply(b, b.h.user({ languageCode: 'en' }))).toContain('NEW ANSWER (en)');
    });

    it('a workbook with mistakes is refused with the cell of each, and the file is not touched', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');
      const broken = await workbookOf('broken.1', (workbook) => {
        workbook.getWorksheet('entries')!.getCell('E14').value = null;
        workbook.getWorksheet('sources')!.getCell('B2').value = 'not a link';
      });

      const { reply } = await upload(b, admin(), broken, '/reload', 'kb.xlsx');

      expect(reply.text).toContain(
        t('en', 'admin:refused_title', { count: 2, version: b.h.store.current().version }),
      );
      expect(reply.visibleText).toContain(
        '• sources!B2: sources[0].url: must be an http:// or https:// address',
      );
      expect(reply.visibleText).toContain('• entries!E14: title.de: is missing');
      expect(await readFile(b.kbPath, 'utf8')).toBe(previousFile);
    });

    it('an admin who sends a knowledge-base file without the caption is told how to reload', async () => {
      const b = await bot({ framework });
      const previousFile = await readFile(b.kbPath, 'utf8');
      const json = await upload(b, admin(), kbText(await nextKb()), '', 'kb.json');
      const xlsx = await upload(b, admin(), await workbookOf('x.1'), 'new version', 'kb.xlsx');
      expect(json.reply.text).toBe(t('en', 'admin:reload_caption_hint'));
      expect(xlsx.reply.text).toBe(t('en', 'admin:reload_caption_hint'));
      expect(await readFile(b.kbPath, 'utf8')).toBe(previousFile);
      // Anyone else gets the usual answer to a document without a caption (with a staff chat, how to send it there).
      const stranger = b.h.user({ languageCode: 'en' });
      const other = await upload(b, stranger, kbText(await nextKb()), '', 'kb.json');
      expect(other.reply.text).toBe(
        `${t('en', 'errors:document_not_understood')}\n\n${t('en', 'followup:attachment_no_caption')}`,
      );
    });
  });
});
