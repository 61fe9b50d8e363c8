/**
 * `npm run eval -- FILE [--kb path]`: measures answer quality on a JSONL file of questions (see
 * ../shared/eval/README.md). Prints each miss on one line, a per-kind table when the lines have kinds, then
 * exactly three figure lines: top-1 accuracy, out-of-scope answered confidently, reply-language accuracy. Exit codes: 0 measured, 1 unreadable or invalid
 * input (file or knowledge base), 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { loadDotEnv } from '../config/env.js';
import { evaluate, parseEvalCases, share, type EvalMiss, type Ratio } from '../core/answer/evaluate.js';
import { buildSnapshot } from '../core/knowledge-base/build-snapshot.js';
import { formatKbError, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import { isLanguage } from '../core/language/languages.js';

const USAGE =
  'usage: npm run eval -- <questions.jsonl> [--kb <file>]   (default kb: $KB_PATH or data/knowledge-base.json)';

function parseArgs(
  args: readonly string[],
): { file: string; kbPath: string | null } | { usageError: string } | 'help' {
  const files: string[] = [];
  let kbPath: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--kb') {
      kbPath = args[++i] ?? null;
      if (kbPath === null) return { usageError: '--kb needs a value' };
    } else if (arg === '--') continue;
    else if (arg.startsWith('--')) return { usageError: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (files.length !== 1) return { usageError: 'give exactly one questions file' };
  return { file: files[0]!, kbPath };
}

/** One line per miss: what was expected and what the bot did. */
function describeMiss(miss: EvalMiss): string {
  const { case: c, result } = miss;
  const got = result.entry ? `answered ${result.entry.id}` : `${result.outcome}`;
  const offered = result.suggestions.length > 0 ? ` [${result.suggestions.map((e) => e.id).join(', ')}]` : '';
  const expected = c.expect === null ? 'out of scope' : [c.expect].flat().join(' | ');
  const detail =
    miss.kind === 'language'
      ? `reply language ${result.lang}, expected ${c.lang}`
      : `expected ${expected}, got ${got}${offered} (confidence ${result.confidence.toFixed(2)})`;
  return `miss ${miss.kind} line ${miss.line}: ${JSON.stringify(c.q)}: ${detail}`;
}

const figure = (label: string, ratio: Ratio): string =>
  `${label}: ${share(ratio).toFixed(3)} (${ratio.hits}/${ratio.total})`;

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') return (console.log(USAGE), 0);
  if ('usageError' in parsed) return (console.error(`eval: ${parsed.usageError}\n${USAGE}`), 2);
  try {
    loadDotEnv();
  } catch (error) {
    return (
      console.error(`eval: .env cannot be read: ${error instanceof Error ? error.message : String(error)}`),
      2
    );
  }
  let text: string;
  try {
    text = await readFile(parsed.file, 'utf8');
  } catch (error) {
    return (
      console.error(`eval: ${parsed.file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`),
      1
    );
  }
  const { cases, errors } = parseEvalCases(text);
  if (errors.length > 0) return (errors.forEach((e) => console.error(`eval: ${parsed.file} ${e}`)), 1);
  const loaded = await loadKnowledgeBaseFile(
    parsed.kbPath ?? (process.env.KB_PATH || 'data/knowledge-base.json'),
  );
  if (!loaded.ok) return (loaded.errors.forEach((e) => console.error(`eval: ${formatKbError(e)}`)), 1);
  const fallback = process.env.DEFAULT_LANGUAGE;
  const snapshot = buildSnapshot(loaded.kb, { defaultLanguage: isLanguage(fallback) ? fallback : 'en' });
  const report = evaluate(snapshot, cases);
  for (const miss of report.misses) console.log(describeMiss(miss));
  if (report.byKind.size > 1 || !report.byKind.has('-')) {
    console.log('per kind (in scope: answered right; out of scope "O": left unanswered):');
    for (const [kind, ratio] of [...report.byKind].sort(([a], [b]) => a.localeCompare(b)))
      console.log(`  ${kind}: ${share(ratio).toFixed(3)} (${ratio.hits}/${ratio.total})`);
  }
  console.log(figure('top-1 accuracy', report.top1));
  console.log(figure('out-of-scope answered confidently', report.outOfScopeAnswered));
  console.log(figure('reply-language accuracy', report.replyLanguage));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
