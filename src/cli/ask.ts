/**
 * `npm run ask -- [--json] [--lang xx] [--kb path] [question ...]`: the core's command-line front, with neither
 * Telegram nor Redis. Each argument is one question; without arguments, one question a line is read from
 * standard input. `--lang` plays the Telegram language_code of the asker. `--json` prints one object a line:
 * {"q","id","outcome","confidence","lang","answer","suggestions"}, where id is null exactly when the bot would not answer
 * (outcome "suggested" or "unknown"; "likely" is an answer framed as "this looks like it"). Exit codes: 0 done, 1 knowledge base invalid or unreadable, 2 usage or configuration error.
 */
import { createInterface } from 'node:readline';
import { loadDotEnv } from '../config/env.js';
import { inScript } from '../core/answer/reply-script.js';
import type { AnswerResult } from '../core/answer/types.js';
import { buildSnapshot } from '../core/knowledge-base/build-snapshot.js';
import { formatKbError, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import type { KnowledgeSnapshot } from '../core/knowledge-base/snapshot.js';
import { isLanguage, LANGUAGES, type Language } from '../core/language/languages.js';
import { createTranslator, type Translate } from '../i18n/translator.js';

const USAGE = `usage: npm run ask -- [--json] [--lang <language_code>] [--kb <file>] ["question" ...]
  Each argument is one question; without any, questions are read from standard input, one a line.
  --json         one JSON object a line: {"q","id","outcome","confidence","lang","answer","suggestions"}
  --lang xx      the asker's Telegram language_code (e.g. de, zh-hans, fr-CA)
  --kb file      knowledge base to use (default: $KB_PATH or data/knowledge-base.json)`;

interface AskOptions {
  json: boolean;
  clientLanguageCode: string | null;
  kbPath: string | null;
  questions: string[];
}

type ParsedArgs = AskOptions | { usageError: string } | 'help';

function parseArgs(args: readonly string[]): ParsedArgs {
  const options: AskOptions = { json: false, clientLanguageCode: null, kbPath: null, questions: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') options.json = true;
    else if (arg === '--lang' || arg === '--kb') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return { usageError: `${arg} needs a value` };
      if (arg === '--lang') options.clientLanguageCode = value;
      else options.kbPath = value;
    } else if (arg === '--') continue;
    else if (arg.startsWith('--')) return { usageError: `unknown option ${arg}` };
    else options.questions.push(arg);
  }
  return options;
}

/** DEFAULT_LANGUAGE from the environment (or .env), checked like the bot checks it. */
function defaultLanguage(): Language | { configError: string } {
  const value = process.env.DEFAULT_LANGUAGE;
  if (!value) return 'en';
  if (isLanguage(value)) return value;
  return { configError: `DEFAULT_LANGUAGE has an invalid value: must be one of ${LANGUAGES.join(', ')}` };
}

/** The line printed for --json: exactly the documented fields. */
function jsonLine(question: string, result: AnswerResult): string {
  return JSON.stringify({
    q: question,
    id: result.entry?.id ?? null,
    outcome: result.outcome,
    confidence: result.confidence,
    lang: result.lang,
    answer: result.entry ? inScript(result.entry.answer[result.lang], result) : null,
    suggestions: result.suggestions.map((entry) => entry.id),
  });
}

/** The reply as a person reads it, in the reply language. */
function readableReply(question: string, result: AnswerResult, t: Translate): string {
  const { lang } = result;
  const lines = [`> ${question}`];
  if (result.entry) {
    if (result.outcome === 'likely') lines.push(t(lang, 'cli:likely'));
    lines.push(
      inScript(result.entry.title[lang], result),
      inScript(result.entry.answer[lang], result),
      '',
      t(lang, 'cli:sources'),
    );
    for (const source of result.entry.sources) {
      lines.push(
        `- ${source.title ? `${source.title}: ` : ''}${source.url}${source.date ? ` (${source.date})` : ''}`,
      );
    }
    if (result.outcome === 'likely' && result.suggestions.length > 0) {
      lines.push('', t(lang, 'cli:alternatives'));
      result.suggestions.forEach((entry) => lines.push(`  - ${entry.title[lang]} [${entry.id}]`));
    }
  } else if (result.outcome === 'suggested') {
    lines.push(t(lang, 'cli:did_you_mean'));
    result.suggestions.forEach((entry, i) => lines.push(`  ${i + 1}. ${entry.title[lang]} [${entry.id}]`));
  } else {
    lines.push(t(lang, 'cli:unknown'), t(lang, 'cli:browse'));
  }
  lines.push(`(${t(lang, 'cli:confidence', { value: result.confidence.toFixed(2) })})`, '');
  return lines.join('\n');
}

async function* stdinQuestions(): AsyncGenerator<string> {
  if (process.stdin.isTTY) console.error('Type a question per line; Ctrl-D ends.');
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) yield line;
  }
}

async function loadSnapshot(path: string, lang: Language): Promise<KnowledgeSnapshot | null> {
  const loaded = await loadKnowledgeBaseFile(path);
  if (loaded.ok) return buildSnapshot(loaded.kb, { defaultLanguage: lang });
  for (const error of loaded.errors) console.error(`ask: ${formatKbError(error)}`);
  return null;
}

async function main(args: readonly string[]): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') return (console.log(USAGE), 0);
  if ('usageError' in options) return (console.error(`ask: ${options.usageError}\n${USAGE}`), 2);
  try {
    loadDotEnv();
  } catch (error) {
    return (
      console.error(`ask: .env cannot be read: ${error instanceof Error ? error.message : String(error)}`),
      2
    );
  }
  const lang = defaultLanguage();
  if (typeof lang !== 'string') return (console.error(lang.configError), 2);
  const snapshot = await loadSnapshot(
    options.kbPath ?? (process.env.KB_PATH || 'data/knowledge-base.json'),
    lang,
  );
  if (!snapshot) return 1;
  const t = options.json ? null : createTranslator();
  const questions = options.questions.length > 0 ? options.questions : stdinQuestions();
  for await (const question of questions) {
    const result = snapshot.answer(question, { clientLanguageCode: options.clientLanguageCode });
    process.stdout.write(`${t ? readableReply(question, result, t) : jsonLine(question, result)}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
