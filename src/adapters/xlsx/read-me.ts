import type ExcelJS from 'exceljs';
import { ENTRY_KINDS, ELEMENTS } from '../../core/knowledge-base/schema.js';
import { SHEETS, VERSION_CELL } from '../../core/knowledge-base/workbook/layout.js';

/** How to fill the workbook in, for the programme staff who edit it. */
const INSTRUCTIONS = [
  'How to fill in this workbook',
  '',
  `Change the version in ${VERSION_CELL.value} whenever the content changes (e.g. 2026-12-07.2); /kb and reload reports show it.`,
  '',
  `Sheet "${SHEETS.entries}": one row per entry. Row 1 holds the column names; do not rename them. You may reorder columns, and add columns of your own notes with an empty name in row 1 (they are ignored).`,
  '- id: unique, lowercase letters and digits joined by hyphens, at most 40 characters. Never change the id of a published entry: buttons in old messages carry it.',
  `- kind: one of ${ENTRY_KINDS.join(', ')}.`,
  '- title.xx and answer.xx: the title and answer in each language (en English, zh Chinese, de German, fr French). All four are required. An answer may be at most 3000 characters.',
  '- search.xx.aliases, search.xx.questions, search.xx.keywords: what people may type to find the entry, one item per line (Alt+Enter in Excel, Alt+Enter or Ctrl+Enter in WPS). Each language needs at least one item in one of the three.',
  '- facts: optional. facts.leadOrganisation.xx and facts.city.xx: all four languages or none; facts.batch: a whole number; ' +
    `facts.element: one of ${ELEMENTS.join(', ')}; facts.memberCount.count with facts.memberCount.asOf (YYYY-MM-DD or YYYY-MM); facts.memberCount.approximate: TRUE when the source says "about".`,
  '- related: ids of other entries, offered as buttons under the answer, one per line.',
  '',
  `Sheet "${SHEETS.sources}": one row per source, in the order they are shown: the id of its entry, the url (http:// or https://), the date (YYYY-MM-DD or YYYY-MM, optional) and the title (optional). Every entry needs at least one source.`,
  '',
  'Dates: the date columns are formatted as text so that Excel and WPS keep what you type. A date typed into a cell formatted otherwise becomes a day (2024-05 would read as 2024-05-01).',
  '',
  'When done: run npm run kb:import -- <this file> to check it and write data/knowledge-base.json, or send the file to the bot with the caption /reload. Every problem is named by its cell, e.g. entries!D14: title.de: is missing. Nothing changes until there are none.',
];

/** The read-me sheet: the version beside its label, then the instructions. */
export function addReadMeSheet(workbook: ExcelJS.Workbook, version: string): void {
  const sheet = workbook.addWorksheet(SHEETS.readMe);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 30;
  sheet.getCell(VERSION_CELL.label).value = 'version';
  sheet.getCell(VERSION_CELL.label).font = { bold: true };
  const versionCell = sheet.getCell(VERSION_CELL.value);
  versionCell.numFmt = '@';
  versionCell.value = version;
  INSTRUCTIONS.forEach((line, index) => {
    const cell = sheet.getCell(index + 3, 1);
    cell.value = line;
    if (index === 0) cell.font = { bold: true };
  });
}
