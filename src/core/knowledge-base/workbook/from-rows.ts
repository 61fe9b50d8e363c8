import type { KbLoadResult } from '../load.js';
import { validateKnowledgeBase, type KbValidationError } from '../validate.js';
import { fieldValue, splitIds } from './cell-values.js';
import {
  cellPlace,
  ENTRY_COLUMNS,
  SHEETS,
  SOURCE_COLUMNS,
  SOURCE_ENTRY_HEADER,
  type CellValue,
  type Column,
} from './layout.js';
import { placeErrors, type WorkbookPlaces } from './places.js';

/** One row of a sheet: its number as the spreadsheet shows it, and its cells from column A. */
export interface SheetRow {
  row: number;
  cells: CellValue[];
}

/** What a workbook holds, as read; a sheet the workbook lacks is undefined. Rows include the header row. */
export interface WorkbookContent {
  version: CellValue | undefined;
  entries: SheetRow[] | undefined;
  sources: SheetRow[] | undefined;
}

/** The canonical home of the JSON Schema, beside data/knowledge-base.json; kept in every imported file. */
const SCHEMA_REFERENCE = './knowledge-base.schema.json';

const problem = (place: string, message: string): KbValidationError => ({
  entryId: null,
  field: '',
  message,
  place,
});

/**
 * A workbook's content (layout.ts) as a knowledge base, validated with kb:check's own checks; every error names
 * the cell it comes from (`entries!D14: title.de: is missing`). A sheet or column that is missing, or a column
 * the knowledge base does not have, is reported before anything else is read. Never throws.
 */
export function knowledgeBaseFromRows(content: WorkbookContent): KbLoadResult {
  const entrySheet = readHeader(SHEETS.entries, content.entries, ENTRY_COLUMNS);
  const sourceSheet = readHeader(SHEETS.sources, content.sources, SOURCE_COLUMNS);
  const layoutErrors = [...entrySheet.errors, ...sourceSheet.errors];
  if (content.version === undefined) layoutErrors.unshift(problem(SHEETS.readMe, 'the sheet is missing'));
  if (layoutErrors.length > 0) return { ok: false, errors: layoutErrors };

  const places: WorkbookPlaces = {
    entryRows: [],
    sourceRows: [],
    entryColumns: entrySheet.columns,
    sourceColumns: sourceSheet.columns,
  };
  const entries = entrySheet.rows.map((row) => {
    places.entryRows.push(row.row);
    places.sourceRows.push([]);
    return rowObject(row, ENTRY_COLUMNS, entrySheet.columns);
  });
  const sourceErrors = attachSources(entries, sourceSheet, places);
  const version = fieldValue('text', content.version ?? null);
  const data = { $schema: SCHEMA_REFERENCE, version, entries };
  const validated = validateKnowledgeBase(data);
  if (validated.ok && sourceErrors.length === 0) return validated;
  const errors = validated.ok ? [] : placeErrors(validated.errors, places);
  return { ok: false, errors: [...errors, ...sourceErrors] };
}

interface ReadSheet {
  /** Column number of each header. */
  columns: Map<string, number>;
  /** The data rows, empty ones left out. */
  rows: SheetRow[];
  errors: KbValidationError[];
}

/** Finds each column by its header in row 1; columns without a header are ignored (an admin's notes). */
function readHeader(sheet: string, rows: SheetRow[] | undefined, layout: readonly Column[]): ReadSheet {
  const columns = new Map<string, number>();
  if (rows === undefined) return { columns, rows: [], errors: [problem(sheet, 'the sheet is missing')] };
  const errors: KbValidationError[] = [];
  const known = new Set(layout.map((column) => column.header));
  const header = rows.find((row) => row.row === 1)?.cells ?? [];
  header.forEach((cell, index) => {
    const name = cell === null ? '' : String(cell).trim();
    if (name === '') return;
    const place = cellPlace(sheet, index + 1, 1);
    if (!known.has(name))
      errors.push(problem(place, `"${name}" is not a column of the knowledge base (see the read-me sheet)`));
    else if (columns.has(name)) errors.push(problem(place, `the column "${name}" appears twice`));
    else columns.set(name, index + 1);
  });
  for (const column of layout)
    if (!columns.has(column.header))
      errors.push(problem(`${sheet}!1`, `the column "${column.header}" is missing`));
  const data = rows.filter((row) => row.row > 1 && row.cells.some((cell) => !isBlank(cell)));
  return { columns, rows: data, errors };
}

const isBlank = (cell: CellValue): boolean =>
  cell === null || (typeof cell === 'string' && cell.trim() === '');

/** A row as the nested object its headers describe; fields whose cells are empty are left out. */
function rowObject(row: SheetRow, layout: readonly Column[], columns: Map<string, number>) {
  const object: Record<string, unknown> = {};
  for (const column of layout) {
    const cell = row.cells[columns.get(column.header)! - 1] ?? null;
    let value = fieldValue(column.kind, cell);
    if (column.header === 'related') value = splitIds(value as string[]);
    if (value !== undefined) setAt(object, column.header.split('.'), value);
  }
  return object;
}

function setAt(object: Record<string, unknown>, path: string[], value: unknown): void {
  let target = object;
  for (const key of path.slice(0, -1)) {
    target[key] ??= {};
    target = target[key] as Record<string, unknown>;
  }
  target[path.at(-1)!] = value;
}

/** Gives each entry its sources, in the order of their rows; a source of an unknown entry is an error. */
function attachSources(
  entries: Record<string, unknown>[],
  sheet: ReadSheet,
  places: WorkbookPlaces,
): KbValidationError[] {
  const indexById = new Map<string, number>();
  entries.forEach((entry, index) => {
    if (typeof entry.id === 'string' && !indexById.has(entry.id)) indexById.set(entry.id, index);
  });
  for (const entry of entries) entry.sources = [];
  const errors: KbValidationError[] = [];
  for (const row of sheet.rows) {
    const { [SOURCE_ENTRY_HEADER]: id, ...source } = rowObject(row, SOURCE_COLUMNS, sheet.columns);
    const index = typeof id === 'string' ? indexById.get(id.trim()) : undefined;
    if (index === undefined) {
      const place = cellPlace(SHEETS.sources, sheet.columns.get(SOURCE_ENTRY_HEADER)!, row.row);
      const message =
        id === undefined ? 'the source names no entry' : `no entry "${String(id)}" on the entries sheet`;
      errors.push(problem(place, message));
      continue;
    }
    (entries[index]!.sources as unknown[]).push(source);
    places.sourceRows[index]!.push(row.row);
  }
  return errors;
}
