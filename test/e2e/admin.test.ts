import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { generateKnowledgeBase } from '../../bench/support/generate-kb.js';
import { knowledgeBaseWorkbook } from '../../src/adapters/xlsx/write-knowledge-base.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks, type BotFramework } from '../support/bot-starters.js';
import { fakeUser, type FakeUser } from '../support/fake-bot-api.js';
import { uniquePrefix } from '../support/redis.js';
import { FUNDING_QUESTION, invalidKb, kbFolder, kbText, nextKb } from '../app/reload/support.js';
import { ADMIN_ID, startAdminBot, type AdminBot } from './admin-bot.js';

const t = createTranslator();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(opts: { framework: BotFramework; instanceId?: string; prefix?: string }) {
  const folder = await kbFolder();
  const started = await startAdminBot({
    framework: opts.framework,
    kbPath: folder.kbPath,
    instanceId: opts.instanceId ?? 'bot-a',
    ...(opts.prefix ? { prefix: opts.prefix } : {}),
  });
  cleanups.push(folder.dispose, started.stop);
  return { ...started, kbPath: folder.kbPath };
}

const admin = (): FakeUser => fakeUser(ADMIN_ID, { languageCode: 'en', firstName: 'Ada' });
const fundingReply = async (b: AdminBot, user: FakeUser) =>
  (await b.h.say(user, FUNDING_QUESTION)).reply.visibleText;
const upload = (
  b: AdminBot,
  from: FakeUser,
  content: string | Buffer,
  caption = '/reload',
  fileName = 'kb.json',
) => b.h.exchange(() => b.h.fake.sendDocument(from, { content, fileName }, { caption }), from.id);

/** The next knowledge base as kb:export writes it, with `edit` made to it as in Excel. */
async function workbookOf(version: string, edit?: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const bytes = await knowledgeBaseWorkbook(await nextKb(version));
  if (!edit) return bytes;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

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
