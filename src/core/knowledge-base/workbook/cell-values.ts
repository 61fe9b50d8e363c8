import type { CellValue, ColumnKind } from './layout.js';

/**
 * A cell's content as the field of its column, read as an admin means it rather than as the spreadsheet stored
 * it: a number typed into a text column is its text (an id `2024`), a numeric text in a number column its number.
 * What cannot be read is passed on unchanged, so that validation names it ("must be a whole number, got a
 * string"). Undefined for an empty cell of a field that may be absent; lists are never absent, only empty.
 */
export function fieldValue(kind: ColumnKind, cell: CellValue): unknown {
  switch (kind) {
    case 'text':
      return cell === null ? undefined : typeof cell === 'string' ? cell : String(cell);
    case 'lines':
      return cell === null ? [] : splitLines(String(cell));
    case 'number':
      return typeof cell === 'string' && /^\s*\d+\s*$/.test(cell) ? Number(cell) : emptyAsAbsent(cell);
    case 'flag':
      return typeof cell === 'string' && /^\s*(true|false)\s*$/i.test(cell)
        ? cell.trim().toLowerCase() === 'true'
        : emptyAsAbsent(cell);
  }
}

function emptyAsAbsent(cell: CellValue): unknown {
  return cell === null || (typeof cell === 'string' && cell.trim() === '') ? undefined : cell;
}

/** One item a line, each trimmed; blank lines are no items. */
function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Related ids: one a line, or separated by commas or spaces (ids have neither). */
export function splitIds(items: string[]): string[] {
  return items.flatMap((item) => item.split(/[\s,;]+/)).filter((id) => id !== '');
}
