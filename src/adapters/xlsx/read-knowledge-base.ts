import ExcelJS from 'exceljs';
import type { KbLoadResult } from '../../core/knowledge-base/load.js';
import { knowledgeBaseFromRows, type SheetRow } from '../../core/knowledge-base/workbook/from-rows.js';
import { SHEETS, VERSION_CELL, type CellValue } from '../../core/knowledge-base/workbook/layout.js';

/**
 * Reads an .xlsx in the kb:export layout into a validated knowledge base; every error names its cell. A file that
 * is no workbook gives one error (field `file`). Never throws.
 */
export async function readKnowledgeBaseWorkbook(bytes: Buffer): Promise<KbLoadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; under Node it reads a Buffer (and takes one as is).
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [{ entryId: null, field: 'file', message: `not a readable .xlsx workbook (${reason})` }],
    };
  }
  const readMe = workbook.getWorksheet(SHEETS.readMe);
  return knowledgeBaseFromRows({
    version: readMe ? cellValue(readMe.getCell(VERSION_CELL.value).value) : undefined,
    entries: sheetRows(workbook.getWorksheet(SHEETS.entries)),
    sources: sheetRows(workbook.getWorksheet(SHEETS.sources)),
  });
}

function sheetRows(sheet: ExcelJS.Worksheet | undefined): SheetRow[] | undefined {
  if (!sheet) return undefined;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? null) });
  });
  return rows;
}

/**
 * A cell's value as text, number or flag: rich text as its plain text, a link as its text, a formula as its
 * result, a date as YYYY-MM-DD (the day Excel shows; its dates carry no time zone).
 */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}
