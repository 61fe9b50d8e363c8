import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBaseWorkbook } from '../../../src/adapters/xlsx/read-knowledge-base.js';
import { gapDraftsWorkbook } from '../../../src/adapters/xlsx/write-gap-drafts.js';
import { knowledgeBaseWorkbook } from '../../../src/adapters/xlsx/write-knowledge-base.js';
import { buildGapExport } from '../../../src/core/gaps/draft-entries.js';
import { formatKbError } from '../../../src/core/knowledge-base/load.js';
import { LANGUAGES } from '../../../src/core/language/languages.js';
import { shippedKb } from '../../app/reload/support.js';

const load = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return workbook;
};

describe('the /gaps export workbook', () => {
  it('turns a draft into an entry by copying its row into a kb:export workbook and filling in the rest', async () => {
    const exported = buildGapExport(
      [
        {
          normalized: 'where can i park',
          lang: 'en',
          example: 'Where can I park?',
          unanswered: 3,
          tickets: 1,
          total: 4,
        },
      ],
      [{ question: 'Where can I park?', lang: 'en', answer: 'Behind building B.', answeredAt: 1 }],
      { now: 0, days: 7 },
    );
    const drafts = (await load(await gapDraftsWorkbook(exported))).getWorksheet('drafts')!;
    const knowledgeBase = await load(await knowledgeBaseWorkbook(await shippedKb()));
    const entries = knowledgeBase.getWorksheet('entries')!;
    const header = entries.getRow(1).values as string[];
    const target = entries.getRow(entries.rowCount + 1);

    // The whole row, reference columns included, as Excel's copy and paste would.
    drafts.getRow(2).eachCell((cell, column) => {
      target.getCell(column).value = cell.value;
    });
    for (const lang of LANGUAGES) {
      target.getCell(header.indexOf(`title.${lang}`)).value = `Parking (${lang})`;
      target.getCell(header.indexOf(`answer.${lang}`)).value = `Parking answer (${lang}).`;
      target.getCell(header.indexOf(`search.${lang}.keywords`)).value = 'parking';
    }
    knowledgeBase.getWorksheet('sources')!.addRow(['draft-where-can-i-park', 'https://example.org/parking']);

    const result = await readKnowledgeBaseWorkbook(Buffer.from(await knowledgeBase.xlsx.writeBuffer()));

    expect(result.ok ? [] : result.errors.map(formatKbError)).toEqual([]);
    const entry = result.ok ? result.kb.entries.at(-1) : undefined;
    expect(entry).toMatchObject({
      id: 'draft-where-can-i-park',
      kind: 'faq',
      answer: { en: 'Parking answer (en).' },
      search: { en: { questions: ['Where can I park?'], keywords: ['parking'] } },
      sources: [{ url: 'https://example.org/parking' }],
    });
  });
});
