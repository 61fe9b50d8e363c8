/**
 * `npm run kb:check [file]`: validates a knowledge base and prints every problem, one a line, then a summary.
 * The file defaults to KB_PATH (from the environment or .env), then data/knowledge-base.json.
 * Exit codes: 0 valid, 1 invalid (or unreadable), 2 usage error.
 */
import { formatKbError, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import { summarizeKnowledgeBase } from '../core/knowledge-base/summary.js';
import { defaultKbPath } from './default-kb-path.js';
import { errorCount } from './error-count.js';

const USAGE = 'usage: npm run kb:check [file]   (default: $KB_PATH or data/knowledge-base.json)';

function chooseFile(args: string[]): string | { usageError: string } | 'help' {
  if (args.includes('--help') || args.includes('-h')) return 'help';
  const options = args.filter((arg) => arg.startsWith('-'));
  if (options.length > 0) return { usageError: `unknown option ${options[0]}` };
  if (args.length > 1) return { usageError: 'give at most one file' };
  return args[0] ?? defaultKbPath();
}

async function main(args: string[]): Promise<number> {
  const file = chooseFile(args);
  if (file === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (typeof file !== 'string') {
    console.error(`kb:check: ${file.usageError}\n${USAGE}`);
    return 2;
  }
  const result = await loadKnowledgeBaseFile(file);
  if (result.ok) {
    console.log(`${file}: valid, ${summarizeKnowledgeBase(result.kb)}`);
    return 0;
  }
  for (const error of result.errors) console.log(formatKbError(error));
  console.log(`${file}: invalid, ${errorCount(result.errors.length)}`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug in this tool gets here; one line, no stack trace.
    console.error(`kb:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
