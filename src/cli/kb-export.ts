/**
 * `npm run kb:export -- <file.xlsx> [--from FILE]`: writes the knowledge base as a workbook for editing in Excel
 * or WPS (a sheet of entries, a sheet of sources, a read-me sheet); `npm run kb:import` reads it back.
 * The knowledge base defaults to KB_PATH (from the environment or .env), then data/knowledge-base.json.
 * Exit codes: 0 written, 1 the knowledge base is invalid or the file cannot be written, 2 usage error.
 */
import { writeFile } from 'node:fs/promises';
import { knowledgeBaseWorkbook } from '../adapters/xlsx/write-knowledge-base.js';
import { formatKbError, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import { summarizeKnowledgeBase } from '../core/knowledge-base/summary.js';
import { defaultKbPath } from './default-kb-path.js';
import { parseFileArgs } from './file-args.js';
import { runCommand } from './run-command.js';

const USAGE =
  'usage: npm run kb:export -- <file.xlsx> [--from FILE]   (default FILE: $KB_PATH or data/knowledge-base.json)';

function chooseFiles(argv: string[]): { workbook: string; from: string } | 'help' | { usageError: string } {
  const args = parseFileArgs(argv, '--from');
  if (args === 'help' || 'usageError' in args) return args;
  if (!args.file.endsWith('.xlsx')) return { usageError: 'the workbook file must end in .xlsx' };
  const from = args.option ?? defaultKbPath();
  return typeof from === 'string' ? { workbook: args.file, from } : from;
}

async function main(argv: string[]): Promise<number> {
  const files = chooseFiles(argv);
  if (files === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('usageError' in files) {
    console.error(`kb:export: ${files.usageError}\n${USAGE}`);
    return 2;
  }
  const { workbook, from } = files;
  const loaded = await loadKnowledgeBaseFile(from);
  if (!loaded.ok) {
    for (const error of loaded.errors) console.log(formatKbError(error));
    console.log(`${from}: invalid, so not exported; fix it first (npm run kb:check)`);
    return 1;
  }
  await writeFile(workbook, await knowledgeBaseWorkbook(loaded.kb));
  console.log(`${workbook}: written from ${from}, ${summarizeKnowledgeBase(loaded.kb)}`);
  return 0;
}

runCommand('kb:export', main);
