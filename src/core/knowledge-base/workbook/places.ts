import type { KbValidationError } from '../validate.js';
import { cellPlace, SHEETS, SOURCE_ENTRY_HEADER, VERSION_CELL } from './layout.js';

/** Where each entry and source was read from, and where each column is. */
export interface WorkbookPlaces {
  /** The row of each entry, by its index. */
  entryRows: number[];
  /** The rows of each entry's sources, by the entry's index, in order. */
  sourceRows: number[][];
  entryColumns: Map<string, number>;
  sourceColumns: Map<string, number>;
}

/**
 * Validation errors with the cell each comes from, as an admin looks for it: `entries!D14` for `title.de` of the
 * entry on row 14, `sources!B7` for its second source's url. A reference to another entry by its position
 * (`entry #3`) becomes that entry's row.
 */
export function placeErrors(errors: KbValidationError[], places: WorkbookPlaces): KbValidationError[] {
  return errors.map((error) => ({
    ...error,
    place: placeOf(error, places),
    message: error.message.replace(/\bentry #(\d+)\b/g, (text, n: string) => {
      const row = places.entryRows[Number(n) - 1];
      return row === undefined ? text : `row ${row}`;
    }),
  }));
}

function placeOf(error: KbValidationError, places: WorkbookPlaces): string {
  const index = error.entryIndex;
  if (index === undefined) {
    if (error.field === 'version') return `${VERSION_CELL.sheet}!${VERSION_CELL.value}`;
    return cellPlace(SHEETS.entries, 1, 2);
  }
  const row = places.entryRows[index] ?? 0;
  const source = /^sources\[(\d+)\](?:\.(\w+))?/.exec(error.field);
  const sourceRow = source ? places.sourceRows[index]?.[Number(source[1])] : undefined;
  if (source && sourceRow !== undefined) {
    const column = places.sourceColumns.get(source[2] ?? SOURCE_ENTRY_HEADER);
    return cellPlace(SHEETS.sources, column ?? places.sourceColumns.get(SOURCE_ENTRY_HEADER)!, sourceRow);
  }
  return cellPlace(SHEETS.entries, entryColumn(error.field, places.entryColumns), row);
}

/**
 * The column of a field: its own (`title.de`), else the first of the group it names (`title` is title.en's),
 * else that of the nearest field it is inside (`related[2]` is in related's); the id's when none fits.
 */
function entryColumn(field: string, columns: Map<string, number>): number {
  for (let path = field.replace(/\[\d+\].*$/, ''); path !== ''; path = path.replace(/\.?[^.]*$/, '')) {
    const own = columns.get(path);
    if (own !== undefined) return own;
    const group = [...columns]
      .filter(([header]) => header.startsWith(`${path}.`))
      .map(([, column]) => column);
    if (group.length > 0) return Math.min(...group);
  }
  return columns.get('id')!;
}
