import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ENTRY_COLUMNS } from '../../src/core/knowledge-base/workbook/layout.js';
import type { UploadedFile } from '../support/fake-bot-api/request-body.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks, type BotFramework } from '../support/bot-starters.js';
import { fakeUser, type FakeChat } from '../support/fake-bot-api.js';
import { kbFolder } from '../app/reload/support.js';
import { ADMIN_ID, STAFF_CHAT_ID, startAdminBot } from './admin-bot.js';

const t = createTranslator();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function bot(framework: BotFramework) {
  const folder = await kbFolder();
  const b = await startAdminBot({ framework, kbPath: folder.kbPath, instanceId: 'gaps-bot' });
  cleanups.push(folder.dispose, b.stop);
  return b;
}

const staffChat: FakeChat = { id: STAFF_CHAT_ID, type: 'supergroup', title: 'Staff' };
const admin = () => fakeUser(ADMIN_ID, { languageCode: 'en' });

describe.each(frameworks())('/gaps (%s)', (framework) => {
  it('lists the questions without a confident answer, counted by normalised text and language', async () => {
    const b = await bot(framework);
    const [u1, u2, u3] = [
      b.h.user({ languageCode: 'en' }),
      b.h.user({ languageCode: 'en' }),
      b.h.user({ languageCode: 'de' }),
    ];
    await b.h.say(u1, "What's the weather in Jinan?");
    await b.h.say(u2, 'what’s the WEATHER in jinan');
    await b.h.say(u3, 'Wie wird das Wetter morgen in Jinan?');
    await b.h.say(u1, 'What is the 1+30+N system?');

    const { reply } = await b.h.command(admin(), 'gaps');

    const lines = reply.visibleText.split('\n');
    expect(lines[0]).toBe('🔎 Unanswered questions, last 7 days (most frequent first)');
    expect(lines[2]).toBe("1. 2× [en] What's the weather in Jinan?");
    expect(lines[3]).toBe('2. 1× [de] Wie wird das Wetter morgen in Jinan?');
    expect(reply.visibleText).not.toContain('1+30+N');
    // Counted by text and language only: no user id is stored with a gap.
    const stored = JSON.stringify(
      await b.h.redis.hgetall((await b.h.redis.keys(`${b.h.prefix}:{gaps}:day:*`))[0]!),
    );
    for (const user of [u1, u2, u3]) expect(stored).not.toContain(String(user.id));
  });

  it('lists the entries whose answers were marked 👎, with the questions that led to them', async () => {
    const b = await bot(framework);
    const [u1, u2] = [b.h.user({ languageCode: 'en' }), b.h.user({ languageCode: 'en' })];
    for (const [user, question] of [
      [u1, 'Who leads the laser equipment community?'],
      [u2, 'who leads the laser equipment community'],
    ] as const) {
      const { reply } = await b.h.say(user, question);
      const down = reply.buttons.flat().find((x) => x.data?.startsWith('1:fb:') && x.data.endsWith(':d'))!;
      await b.h.tap(user, reply, down.data!);
    }
    const { reply } = await b.h.command(admin(), 'gaps');
    const laser = b.h.store.current().byId('laser-equipment')!.title.en;
    expect(reply.visibleText).toContain('Answers marked 👎');
    expect(reply.visibleText).toContain(`1. ${laser} (2 👎): “who leads the laser equipment community”`);
  });

  it('is open to the staff chat and refused to anyone else, politely', async () => {
    const b = await bot(framework);
    const staffer = b.h.user({ languageCode: 'fr' });
    const inStaff = await b.h.command(staffer, 'gaps', '', { chat: staffChat });
    expect(inStaff.reply.text).toBe(t('fr', 'admin:gaps.empty', { days: 7 }));

    const stranger = b.h.user({ languageCode: 'fr' });
    expect((await b.h.command(stranger, 'gaps')).reply.text).toBe(t('fr', 'admin:gaps.not_allowed'));
  });

  it('export gives a workbook of drafts in the kb:export layout, answers to write, staff replies for reference, personal details redacted', async () => {
    const b = await bot(framework);
    const user = b.h.user({ languageCode: 'en' });
    await b.h.say(user, 'Where can I park my car?');
    await b.gaps().record({ text: 'where can I park my car', lang: 'en', kind: 'ticket' }, Date.now());
    await b.gaps().recordStaffAnswer({
      question: 'Where can I PARK my car',
      lang: 'en',
      answer: 'Dear Mr. Smith, yes, behind building B; call 0531-8888 1234 if the gate is closed.',
      answeredAt: Date.now(),
    });

    // Through the real bot: the drafts arrive in the admin's chat as a document uploaded with sendDocument.
    const exchange = await b.h.command(admin(), 'gaps', 'export');
    const upload = exchange.calls.find((c) => c.method === 'sendDocument' && c.ok)?.params.document as
      UploadedFile | undefined;
    expect(upload?.fileName).toMatch(/^knowledge-gaps-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload!.content as never);
    const drafts = workbook.getWorksheet('drafts')!;
    const header = drafts.getRow(1).values as (string | undefined)[];
    expect(header.slice(1, ENTRY_COLUMNS.length + 1)).toEqual(ENTRY_COLUMNS.map((column) => column.header));
    const cell = (name: string) => drafts.getRow(2).getCell(header.indexOf(name)).value;
    expect(cell('id')).toBe('draft-where-can-i-park-my-car');
    expect(cell('title.en')).toBe('Where can I park my car?');
    expect(cell('answer.en')).toBeNull();
    expect(cell('staff replies (reference, not the answer)')).toBe(
      'Dear Mr. [name], yes, behind building B; call [phone] if the gate is closed.',
    );
    expect(drafts.rowCount).toBe(2);
  });
});
