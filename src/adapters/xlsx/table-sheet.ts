import type ExcelJS from 'exceljs';
import type { CellValue, Column } from '../../core/knowledge-base/workbook/layout.js';

/** A column written beside the layout's, for reference only (an import ignores it once its header is gone). */
export interface ExtraColumn {
  header: string;
  width: number;
}

/**
 * Adds a sheet of `rows` under a bold, frozen header row. Text and list columns are formatted as text, so that
 * what an admin types there stays as typed (Excel and WPS turn `2024-05` into a date and `007` into 7 otherwise);
 * long texts wrap. `frozenColumns` stay in view while scrolling sideways (the id).
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly (Column | ExtraColumn)[],
  rows: readonly CellValue[][],
  frozenColumns = 1,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }],
  });
  sheet.columns = columns.map((column) => {
    const asText = !('kind' in column) || column.kind === 'text' || column.kind === 'lines';
    return {
      key: column.header,
      width: column.width,
      style: {
        ...(asText ? { numFmt: '@' } : {}),
        alignment: { vertical: 'top', wrapText: column.width >= 30 },
      },
    };
  });
  sheet.addRows(rows.map((row) => row.map((cell) => cell ?? undefined)));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}
