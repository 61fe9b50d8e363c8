import { LANGUAGES } from '../../language/languages.js';

/**
 * The knowledge base as a workbook, the one description both directions use (kb:export writes it, kb:import and
 * an uploaded .xlsx read it): a sheet of entries, a row an entry; a sheet of sources, a row a source; a read-me
 * sheet holding the version. A column's header is the path of its field in an entry (`title.de`,
 * `facts.memberCount.count`), so that a validation error's field names its column.
 */

export const SHEETS = { entries: 'entries', sources: 'sources', readMe: 'read-me' } as const;

/** Where the version is: on the read-me sheet, beside its label. */
export const VERSION_CELL = { sheet: SHEETS.readMe, label: 'A1', value: 'B1' } as const;

/** A cell's content as the workbook gives it, dates already written YYYY-MM-DD. Null for an empty cell. */
export type CellValue = string | number | boolean | null;

/**
 * How a cell holds its field: `text` as it is; `lines` a list, one item a line (related ids may also be separated
 * by commas or spaces); `number` a whole number; `flag` TRUE or FALSE.
 */
export type ColumnKind = 'text' | 'lines' | 'number' | 'flag';

export interface Column {
  /** The header in row 1, and the field's path. */
  header: string;
  kind: ColumnKind;
  /** In characters, for the export. */
  width: number;
}

const perLanguage = (path: string, kind: ColumnKind, width: number): Column[] =>
  LANGUAGES.map((language) => ({ header: `${path}.${language}`, kind, width }));

const searchColumns = (['aliases', 'questions', 'keywords'] as const).flatMap((list) =>
  LANGUAGES.map((language): Column => ({ header: `search.${language}.${list}`, kind: 'lines', width: 30 })),
);

/** The entries sheet: the four languages of each field side by side. */
export const ENTRY_COLUMNS: readonly Column[] = [
  { header: 'id', kind: 'text', width: 26 },
  { header: 'kind', kind: 'text', width: 13 },
  ...perLanguage('title', 'text', 30),
  ...perLanguage('answer', 'text', 70),
  ...searchColumns,
  ...perLanguage('facts.leadOrganisation', 'text', 30),
  ...perLanguage('facts.city', 'text', 14),
  { header: 'facts.batch', kind: 'number', width: 8 },
  { header: 'facts.element', kind: 'text', width: 12 },
  { header: 'facts.memberCount.count', kind: 'number', width: 10 },
  { header: 'facts.memberCount.asOf', kind: 'text', width: 12 },
  { header: 'facts.memberCount.approximate', kind: 'flag', width: 10 },
  { header: 'related', kind: 'lines', width: 26 },
];

/** The header of the sources sheet's first column: the id of the entry a source belongs to. */
export const SOURCE_ENTRY_HEADER = 'entry';

/** The sources sheet: an entry's sources in the order they are shown, each beside its entry's id. */
export const SOURCE_COLUMNS: readonly Column[] = [
  { header: SOURCE_ENTRY_HEADER, kind: 'text', width: 26 },
  { header: 'url', kind: 'text', width: 60 },
  { header: 'date', kind: 'text', width: 12 },
  { header: 'title', kind: 'text', width: 60 },
];

/** The first row holding data on the entries and sources sheets (row 1 is the header). */
export const FIRST_DATA_ROW = 2;

/** A column's letters from its number counted from 1: 1 is A, 27 is AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `entries!D14`. */
export const cellPlace = (sheet: string, column: number, row: number): string =>
  `${sheet}!${columnLetter(column)}${row}`;
