import ExcelJS from 'exceljs';
import type { KnowledgeBase } from '../../core/knowledge-base/schema.js';
import { ENTRY_COLUMNS, SHEETS, SOURCE_COLUMNS } from '../../core/knowledge-base/workbook/layout.js';
import { knowledgeBaseToRows } from '../../core/knowledge-base/workbook/to-rows.js';
import { addReadMeSheet } from './read-me.js';
import { addTableSheet } from './table-sheet.js';

/** The knowledge base as an .xlsx workbook in the layout kb:import reads (core/knowledge-base/workbook). */
export async function knowledgeBaseWorkbook(kb: KnowledgeBase): Promise<Buffer> {
  const rows = knowledgeBaseToRows(kb);
  const workbook = new ExcelJS.Workbook();
  addTableSheet(workbook, SHEETS.entries, ENTRY_COLUMNS, rows.entries);
  addTableSheet(workbook, SHEETS.sources, SOURCE_COLUMNS, rows.sources);
  addReadMeSheet(workbook, rows.version);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
