import { readFile } from 'node:fs/promises';
import { findJsonSyntaxFault } from './json-syntax.js';
import type { KnowledgeBase } from './types.js';
import { validateKnowledgeBase, type KbValidationError } from './validate.js';

export type KbLoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; errors: KbValidationError[] };

/**
 * Parses and validates the text of a knowledge-base file. Invalid JSON gives exactly one error (field `json`)
 * naming the line and column of the first syntax error; otherwise the result of validateKnowledgeBase. Never throws.
 */
export function parseKnowledgeBase(text: string): KbLoadResult {
  // Editors on Windows like to start UTF-8 files with a byte-order mark, which JSON.parse refuses.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxError(json, error)] };
  }
  return validateKnowledgeBase(data);
}

function jsonSyntaxError(text: string, error: unknown): KbValidationError {
  const fault = findJsonSyntaxFault(text);
  const message = fault
    ? `invalid JSON at line ${fault.line}, column ${fault.column}: ${fault.message}`
    : `invalid JSON: ${error instanceof Error ? error.message : String(error)}`;
  return { entryId: null, field: 'json', message };
}

/**
 * Reads, parses and validates a knowledge-base file. A file that is missing or cannot be read gives exactly one
 * error (field `file`) saying why; never throws.
 */
export async function loadKnowledgeBaseFile(path: string): Promise<KbLoadResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, errors: [{ entryId: null, field: 'file', message: readProblem(path, error) }] };
  }
  return parseKnowledgeBase(decodeKnowledgeBaseFile(bytes));
}

/**
 * The text of a knowledge-base file, decoded as UTF-8 in one go: reading with an encoding decodes chunk by chunk
 * and joins the pieces, which takes about twice as long for a 30 MB file (and JSON.parse flattens it again).
 */
export function decodeKnowledgeBaseFile(bytes: Buffer): string {
  return bytes.toString('utf8');
}

function readProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path} does not exist`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be read (permission denied)`;
    default:
      return `${path} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

/**
 * One line for a person: `entry <id>: <field>: <message>` for an entry, `<field>: <message>` for the document,
 * e.g. `entry laser-equipment: answer.fr: is missing` or `version: is empty`.
 */
export function formatKbError(e: KbValidationError): string {
  const where = e.field === '' ? '' : `${e.field}: `;
  return e.entryId === null ? `${where}${e.message}` : `entry ${e.entryId}: ${where}${e.message}`;
}
