/**
 * `npm run kb:import -- <file.xlsx> [--out FILE]`: reads a workbook in the kb:export layout, validates it with
 * kb:check's checks (each problem named by its cell, `entries!D14: title.de: is missing`), prints what changes
 * against the current file (ids added, removed, changed) and writes it as the knowledge base, the previous file
 * kept as FILE.bak. FILE defaults to KB_PATH (from the environment or .env), then data/knowledge-base.json.
 * Nothing is written when the workbook has a problem. The bot serves the new file after /reload.
 * Exit codes: 0 written (or unchanged), 1 invalid or unreadable, 2 usage error.
 */
import { access, readFile } from 'node:fs/promises';
import { readKnowledgeBaseWorkbook } from '../adapters/xlsx/read-knowledge-base.js';
import { replaceFileAtomically } from '../app/reload/replace-file.js';
import { diffKnowledgeBases, type KnowledgeBaseDiff } from '../core/knowledge-base/diff.js';
import { formatKbError, knowledgeBaseText, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import type { KnowledgeBase } from '../core/knowledge-base/schema.js';
import { summarizeKnowledgeBase } from '../core/knowledge-base/summary.js';
import { defaultKbPath } from './default-kb-path.js';
import { parseFileArgs } from './file-args.js';
import { runCommand } from './run-command.js';
import { errorCount } from './error-count.js';

const USAGE =
  'usage: npm run kb:import -- <file.xlsx> [--out FILE]   (default FILE: $KB_PATH or data/knowledge-base.json)';
/** Ids printed per kind of change; the rest are counted. */
const MAX_IDS_SHOWN = 50;

function chooseFiles(argv: string[]): { workbook: string; out: string } | 'help' | { usageError: string } {
  const args = parseFileArgs(argv, '--out');
  if (args === 'help' || 'usageError' in args) return args;
  const out = args.option ?? defaultKbPath();
  return typeof out === 'string' ? { workbook: args.file, out } : out;
}

function idLine(label: string, ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_IDS_SHOWN).join(', ');
  const more = ids.length > MAX_IDS_SHOWN ? ` … and ${ids.length - MAX_IDS_SHOWN} more` : '';
  return `${label} (${ids.length}): ${ids.length === 0 ? '-' : shown}${more}`;
}

/** The entries that change against the file there now; null (after saying why) when there is none to compare. */
async function changesAgainst(out: string, kb: KnowledgeBase): Promise<KnowledgeBaseDiff | null> {
  const exists = await access(out).then(
    () => true,
    () => false,
  );
  if (!exists) return diffKnowledgeBases({ version: '', entries: [] }, kb);
  const current = await loadKnowledgeBaseFile(out);
  if (current.ok) return diffKnowledgeBases(current.kb, kb);
  console.log(`${out}: the current file is invalid, so the changes cannot be listed`);
  return null;
}

async function main(argv: string[]): Promise<number> {
  const files = chooseFiles(argv);
  if (files === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('usageError' in files) {
    console.error(`kb:import: ${files.usageError}\n${USAGE}`);
    return 2;
  }
  const bytes = await readFile(files.workbook).catch((error: NodeJS.ErrnoException) => {
    console.log(`${files.workbook} cannot be read (${error.code ?? error.message})`);
    return null;
  });
  if (bytes === null) return 1;
  const read = await readKnowledgeBaseWorkbook(bytes);
  if (!read.ok) {
    for (const error of read.errors) console.log(formatKbError(error));
    console.log(`${files.workbook}: invalid, ${errorCount(read.errors.length)}; ${files.out} not written`);
    return 1;
  }
  const diff = await changesAgainst(files.out, read.kb);
  if (diff)
    for (const [label, ids] of Object.entries(diff) as [string, string[]][]) console.log(idLine(label, ids));
  const { written, backupPath } = await replaceFileAtomically(files.out, knowledgeBaseText(read.kb));
  const kept = backupPath ? ` (the previous file kept as ${backupPath})` : '';
  const what = written ? `written${kept}` : 'unchanged';
  console.log(`${files.out}: ${what}, ${summarizeKnowledgeBase(read.kb)}; send /reload to serve it`);
  return 0;
}

runCommand('kb:import', main);
