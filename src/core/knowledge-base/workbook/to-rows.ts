import type { Entry, KnowledgeBase } from '../schema.js';
import { ENTRY_COLUMNS, SOURCE_COLUMNS, type CellValue, type Column } from './layout.js';

/** The content of the workbook's sheets, header rows first. */
export interface KnowledgeBaseRows {
  version: string;
  entries: CellValue[][];
  sources: CellValue[][];
}

/** The knowledge base as the rows of the entries and sources sheets (layout.ts), ready to be written. */
export function knowledgeBaseToRows(kb: KnowledgeBase): KnowledgeBaseRows {
  return {
    version: kb.version,
    entries: [ENTRY_COLUMNS.map((column) => column.header), ...kb.entries.map(entryRow)],
    sources: [
      SOURCE_COLUMNS.map((column) => column.header),
      ...kb.entries.flatMap((entry) =>
        entry.sources.map((source) => [entry.id, source.url, source.date ?? null, source.title ?? null]),
      ),
    ],
  };
}

/** One entry's cells, in the order of ENTRY_COLUMNS; a draft's fields it lacks are empty cells. */
export function entryRow(entry: Entry | object): CellValue[] {
  return ENTRY_COLUMNS.map((column) => cellOf(column, valueAt(entry, column.header)));
}

function valueAt(entry: object, path: string): unknown {
  let value: unknown = entry;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function cellOf(column: Column, value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (column.kind === 'lines') return Array.isArray(value) && value.length > 0 ? value.join('\n') : null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
