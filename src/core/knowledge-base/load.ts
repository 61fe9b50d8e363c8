import { readFile, stat } from 'node:fs/promises';
import { nestsDeeperThan } from './json-nesting.js';
import { findJsonSyntaxFault } from './json-syntax.js';
import type { KnowledgeBase } from './schema.js';
import { validateKnowledgeBase, type KbValidationError } from './validate.js';

export type KbLoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; errors: KbValidationError[] };

/** The largest knowledge base taken, in megabytes: a 10,000-entry base in four languages is about 30. */
export const MAX_KNOWLEDGE_BASE_MB = 64;
const MAX_BYTES = MAX_KNOWLEDGE_BASE_MB * 1024 * 1024;
/** The same limit for a text already decoded: a character is at least one byte. */
export const MAX_KNOWLEDGE_BASE_CHARS = MAX_BYTES;

const tooLarge = (what: string): KbLoadResult => ({
  ok: false,
  errors: [
    { entryId: null, field: 'file', message: `${what} over ${MAX_KNOWLEDGE_BASE_MB} MB, the most it may be` },
  ],
});

/**
 * Parses and validates the text of a knowledge-base file. A text over the size limit, invalid JSON, or JSON
 * nested deeper than MAX_JSON_DEPTH gives exactly one error (field `file` or `json`; the JSON ones name the line
 * and column); otherwise the result of validateKnowledgeBase. Never throws, whatever the text.
 */
export function parseKnowledgeBase(text: string): KbLoadResult {
  if (text.length > MAX_KNOWLEDGE_BASE_CHARS) return tooLarge('the knowledge base is');
  // Editors on Windows like to start UTF-8 files with a byte-order mark, which JSON.parse refuses.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [jsonError(json, error)] };
  }
  // JSON.parse takes any depth, and validation reads only the fields it expects (so an accepted base is as
  // shallow as its schema); a refused one that nests too deeply is named for that, with where it does.
  const result = validateKnowledgeBase(data);
  if (!result.ok && nestsDeeperThan(data)) return { ok: false, errors: [jsonError(json, null)] };
  return result;
}

/** The text of a knowledge-base file as the tools write it: two-space indentation, a final newline. */
export function knowledgeBaseText(kb: KnowledgeBase): string {
  return `${JSON.stringify(kb, null, 2)}\n`;
}

function jsonError(text: string, error: unknown): KbValidationError {
  const fault = findJsonSyntaxFault(text);
  const at = fault && `at line ${fault.line}, column ${fault.column}`;
  const message = !fault
    ? `invalid JSON: ${error instanceof Error ? error.message : String(error)}`
    : fault.kind === 'nesting'
      ? `nested too deeply ${at} (${fault.message})`
      : `invalid JSON ${at}: ${fault.message}`;
  return { entryId: null, field: 'json', message };
}

/**
 * Reads, parses and validates a knowledge-base file. A file that is missing or cannot be read gives exactly one
 * error (field `file`) saying why; never throws.
 */
export async function loadKnowledgeBaseFile(path: string): Promise<KbLoadResult> {
  let bytes: Buffer;
  try {
    // Refused before it is read: a huge file would cost its size in memory before any check.
    if ((await stat(path)).size > MAX_BYTES) return tooLarge(`${path} is`);
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
 * `<place>: <field>: <message>` for a problem with a place, e.g. `entry laser-equipment: answer.fr: is missing`,
 * `version: is empty` or `entries!F14: answer.fr: is missing`.
 */
export function formatKbError(e: KbValidationError): string {
  const where = e.field === '' ? '' : `${e.field}: `;
  if (e.place !== undefined) return `${e.place}: ${where}${e.message}`;
  return e.entryId === null ? `${where}${e.message}` : `entry ${e.entryId}: ${where}${e.message}`;
}
