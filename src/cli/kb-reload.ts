/**
 * `npm run kb:reload [file] [--wait SECONDS]`, on the server: validates the knowledge base here (KB_PATH, or the
 * given file, which then replaces KB_PATH on every instance), publishes a reload through Redis and prints each
 * running instance's result, waiting a few seconds for their answers.
 * Exit codes: 0 every instance reloaded, 1 invalid or some instance did not reload (or Redis unreachable),
 * 2 usage or configuration error.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { createRedisConnection } from '../adapters/redis/connection.js';
import { ReloadBus } from '../adapters/redis/reload-bus.js';
import type { InstanceReloadReply, OthersReport, ReloadSource } from '../app/reload/reload-types.js';
import { ConfigError, loadDotEnv, parseConfig } from '../config/env.js';
import { formatKbError, loadKnowledgeBaseFile, parseKnowledgeBase } from '../core/knowledge-base/load.js';
import { summarizeKnowledgeBase } from '../core/knowledge-base/summary.js';
import { errorCount } from './error-count.js';

const USAGE =
  'usage: npm run kb:reload [file] [--wait SECONDS]   (default: reload $KB_PATH on every instance)';

interface Args {
  file?: string;
  waitSeconds: number;
}

function parseArgs(argv: string[]): Args | 'help' | { usageError: string } {
  const args: Args = { waitSeconds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--wait') {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0 && seconds <= 60))
        return { usageError: '--wait takes a number of seconds from 1 to 60' };
      args.waitSeconds = seconds;
    } else if (arg.startsWith('-')) return { usageError: `unknown option ${arg}` };
    else if (args.file !== undefined) return { usageError: 'give at most one file' };
    else args.file = arg;
  }
  return args;
}

/** Validates here and says what will be published; null (after printing the errors) when invalid. */
async function validateHere(file: string | undefined, kbPath: string): Promise<ReloadSource | null> {
  const path = file ?? kbPath;
  let source: ReloadSource = { kind: 'file' };
  let loaded;
  if (file === undefined) loaded = await loadKnowledgeBaseFile(kbPath);
  else {
    const text = await readFile(file, 'utf8').catch(() => null);
    loaded = text === null ? await loadKnowledgeBaseFile(file) : parseKnowledgeBase(text);
    if (text !== null) source = { kind: 'content', text };
  }
  if (!loaded.ok) {
    for (const error of loaded.errors) console.log(formatKbError(error));
    console.log(`${path}: invalid, ${errorCount(loaded.errors.length)}; nothing was published`);
    return null;
  }
  console.log(`${path}: valid, ${summarizeKnowledgeBase(loaded.kb)}`);
  return source;
}

function replyLine(reply: InstanceReloadReply): string {
  const problem = reply.problems?.[0] ? `: ${reply.problems[0]}` : '';
  switch (reply.status) {
    case 'reloaded': {
      const c = reply.changes;
      const changes = c ? `, +${c.added} -${c.removed} ~${c.changed}` : '';
      return `${reply.instanceId}: reloaded, version ${reply.version} (was ${reply.previousVersion}), ${reply.entries} entries${changes}, ${reply.ms} ms`;
    }
    case 'invalid':
      return `${reply.instanceId}: REFUSED (${errorCount(reply.totalErrors ?? 0)}${problem}); still serves ${reply.version}`;
    case 'failed':
      return `${reply.instanceId}: FAILED${problem}; still serves ${reply.version}`;
    case 'superseded':
      return `${reply.instanceId}: skipped (a newer reload came first); serves ${reply.version}`;
  }
}

function printResult(result: OthersReport, waitSeconds: number): number {
  if (result.broadcast === 'unavailable') {
    console.log('Redis did not take the reload; no instance was told');
    return 1;
  }
  for (const reply of result.others) console.log(replyLine(reply));
  for (const id of result.silent) console.log(`${id}: no answer within ${waitSeconds} s`);
  if (result.others.length === 0 && result.silent.length === 0) {
    console.log(
      'no instance is running (none answered and none is registered); they will load the file when they start',
    );
  }
  const failed = result.silent.length + result.others.filter((r) => r.status !== 'reloaded').length;
  return failed === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('usageError' in args) {
    console.error(`kb:reload: ${args.usageError}\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  const config = parseConfig(process.env);
  const source = await validateHere(args.file, config.KB_PATH);
  if (!source) return 1;

  const log = pino({ level: 'warn' }, pino.destination(2));
  const redis = createRedisConnection(config.REDIS_URL, {
    logger: log,
    name: 'desk-kb-reload',
    commandTimeoutMs: 10_000,
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    console.log(
      `Redis at ${config.REDIS_URL} is unreachable (${(error as Error).message}); nothing was published`,
    );
    return 1;
  }
  const bus = new ReloadBus({ redis, log, id: `cli@${hostname()}`, replyWaitMs: args.waitSeconds * 1000 });
  try {
    return printResult(await bus.tellOthers(source, 'cli'), args.waitSeconds);
  } finally {
    await bus.stop();
    await redis.quit().catch(() => redis.disconnect());
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `kb:reload: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
