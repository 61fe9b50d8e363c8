import ExcelJS from 'exceljs';
import type { GapExport } from '../../core/gaps/draft-entries.js';
import { ENTRY_COLUMNS, SHEETS } from '../../core/knowledge-base/workbook/layout.js';
import { entryRow } from '../../core/knowledge-base/workbook/to-rows.js';
import { addTableSheet, type ExtraColumn } from './table-sheet.js';

/** The sheet of drafts; not `entries`, so that the file is never taken for a knowledge base. */
const DRAFTS_SHEET = 'drafts';

/** What is known of each draft's question, after the entry's columns: for reference, never imported. */
const REFERENCE_COLUMNS: ExtraColumn[] = [
  { header: 'question (reference)', width: 40 },
  { header: 'language', width: 9 },
  { header: 'unanswered', width: 11 },
  { header: 'to staff', width: 9 },
  { header: 'staff replies (reference, not the answer)', width: 60 },
];

function instructions(exported: GapExport): string[] {
  return [
    'Draft entries for questions the bot could not answer',
    '',
    `The ${exported.drafts.length} most frequent of the ${exported.days} days before ${exported.generatedAt.slice(0, 10)}, one row each, in the columns of the "${SHEETS.entries}" sheet of npm run kb:export.`,
    'Personal details are replaced by [e-mail], [phone], [sum] and [name]; names nothing introduces may remain, so check before publishing.',
    '',
    'To turn a draft into an entry:',
    `1. Copy its row into the "${SHEETS.entries}" sheet of a workbook from npm run kb:export (the reference columns land in columns without a name, which the import ignores).`,
    '2. Write the answer from the facts in all four languages: the staff replies were written to one person, and are a reference only.',
    `3. Give it a title and search words in every language, and its sources on the "${SHEETS.sources}" sheet; choose a lasting id.`,
    '4. Run npm run kb:import -- <workbook>, or send the workbook to the bot with the caption /reload.',
  ];
}

/** `/gaps export` as an .xlsx: the drafts in the kb:export entry layout, then the reference columns. */
export async function gapDraftsWorkbook(exported: GapExport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const rows = exported.drafts.map((draft) => [
    ...entryRow(draft.entry),
    draft.question,
    draft.language,
    draft.unanswered,
    draft.tickets,
    draft.staffAnswers.length > 0 ? draft.staffAnswers.join('\n\n') : null,
  ]);
  const header = [...ENTRY_COLUMNS, ...REFERENCE_COLUMNS].map((column) => column.header);
  addTableSheet(workbook, DRAFTS_SHEET, [...ENTRY_COLUMNS, ...REFERENCE_COLUMNS], [header, ...rows]);
  const readMe = workbook.addWorksheet(SHEETS.readMe);
  readMe.getColumn(1).width = 120;
  instructions(exported).forEach((line, index) => {
    readMe.getCell(index + 1, 1).value = line;
  });
  readMe.getCell(1, 1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
