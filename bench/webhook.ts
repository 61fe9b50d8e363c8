/**
 * Webhook benchmark: updates a second and p50/p99 latency through the webhook endpoint, from the HTTP request
 * in to the reply sent to a loopback Bot API, for Community Desk's whole webhook stack (secret check,
 * update_id dedupe in Redis, rate limit, language preference, search, reply) beside a bare grammY bot that
 * echoes, in the same run on the same machine. Each bot runs in its own process; the load (40 requests in
 * flight, Telegram's default max_connections) and the loopback Bot API run here. The bots are loaded in turn,
 * in rounds, so that the machine's slow spells fall on all of them alike. Per-update cost is the bot
 * process's CPU time per update. Targets: the desk's cost at most twice the echo bot's; at least 1,000
 * question updates a second. BENCH_FRAMEWORKS (default `grammy,telegraf`) names the adapters to measure, each
 * beside its own framework's bare echo bot, in the same run.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { startLoopbackBotApi, type LoopbackBotApi } from './support/loopback-bot-api.js';
import { formatTable, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';
import { load, questions, updateBody } from './support/webhook-load.js';
import {
  CONCURRENCY,
  measureWindow,
  rowOf,
  SECRET,
  startTarget,
  stopTarget,
  type Framework,
  type RunningTarget,
  type Target,
  type WebhookRow,
  type Window,
} from './support/webhook-process.js';

const WARM_UP = 5_000;

/**
 * How many times desk, stack and echo are loaded in turn (see measureWebhook), and the updates measured per
 * bot, a whole number of rounds. Read when the section runs, so that a bad value fails this section only.
 */
function settings(): { rounds: number; measured: number } {
  const rounds = positive('BENCH_ROUNDS', 4);
  return { rounds, measured: Math.ceil(positive('BENCH_UPDATES', 12_000) / rounds) * rounds };
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

/**
 * The bots run compiled by tsc, as `npm start` runs the desk: under tsx every function the desk creates
 * would pay for esbuild's name-keeping wrapper, which would make the desk look dearer than it is (the echo
 * bot is mostly the frameworks' own compiled code). Returns the compiled target's path.
 */
function compileTarget(): string {
  const root = projectRoot();
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return join(root, 'dist-bench/bench/support/webhook-target.js');
}

/**
 * Runs the bots of one framework on the same questions and returns one row each (desk, stack, echo), and the
 * desk/echo CPU ratio of each round. The three run side by side and are loaded in turn, in rounds, each round a
 * share of the updates: a slow spell of the machine then falls on all three alike instead of on whichever ran
 * during it.
 */
export async function measureWebhook(
  framework: Framework = 'grammy',
  target = compileTarget(),
  { rounds, measured } = settings(),
): Promise<{ rows: WebhookRow[]; roundRatios: number[] }> {
  const redis = process.env.REDIS_URL ? undefined : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? redis!.url;
  const api = await startLoopbackBotApi();
  const running: RunningTarget[] = [];
  try {
    const qs = await questions();
    // Update ids differ per run, bot and round: the dedupe marks of one window (kept an hour in a REDIS_URL
    // that outlives the run) must not hide another's.
    const perBot = WARM_UP + measured;
    const base = Date.now() * 10;
    const bodies = (bot: number, from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        updateBody(base + bot * perBot + from + i, qs[(from + i) % qs.length]!),
      );
    const modes: Target[] = ['echo', 'stack', 'desk'];
    for (const mode of modes) running.push(await startTarget(target, framework, mode, api, redisUrl));
    for (const [bot, t] of running.entries())
      await load(t.port, bodies(bot, 0, WARM_UP), { concurrency: CONCURRENCY, secret: SECRET });
    const windows = await measureInTurn(running, api, rounds, (bot, round) =>
      bodies(bot, WARM_UP + (round * measured) / rounds, measured / rounds),
    );
    const row = (mode: Target) => rowOf(framework, mode, windows.get(mode)!);
    const cpuPerUpdate = (w: Window) => w.cpuUs / w.times.length;
    const roundRatios = windows
      .get('desk')!
      .map((w, round) => round2(cpuPerUpdate(w) / cpuPerUpdate(windows.get('echo')![round]!)));
    return {
      rows: [row('desk'), row('stack'), row('echo')],
      roundRatios,
    };
  } finally {
    await Promise.all(running.map(stopTarget));
    await api.close();
    await redis?.dispose();
  }
}

/** Loads each bot in turn with its share of a round, `rounds` times; each bot's windows, in round order. */
async function measureInTurn(
  running: readonly RunningTarget[],
  api: LoopbackBotApi,
  rounds: number,
  bodies: (bot: number, round: number) => string[],
): Promise<Map<Target, Window[]>> {
  const windows = new Map<Target, Window[]>(running.map((t) => [t.mode, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [bot, t] of running.entries())
      windows.get(t.mode)!.push(await measureWindow(t, api, bodies(bot, round)));
  }
  return windows;
}

const round2 = (value: number) => round(value, 2);

interface Ratios {
  costRatio: number;
  roundRatios: number[];
  throughputRatio: number;
  stackRatio: number;
}

function ratiosOf(rows: readonly WebhookRow[], roundRatios: number[]): Ratios {
  const [desk, stack, echo] = rows as [WebhookRow, WebhookRow, WebhookRow];
  return {
    costRatio: round2(desk.cpuUsPerUpdate / echo.cpuUsPerUpdate),
    roundRatios,
    throughputRatio: round2(echo.updatesPerSecond / desk.updatesPerSecond),
    stackRatio: round2(stack.cpuUsPerUpdate / echo.cpuUsPerUpdate),
  };
}

function printRows(rows: readonly WebhookRow[]): void {
  const header = ['framework', 'bot', 'updates', 'updates/s', 'p50 ms', 'p99 ms'];
  header.push('CPU µs/update', 'harness µs/update', 'replies', 'non-200');
  const cells = rows.map((r) => [r.framework, r.bot, r.updates, r.updatesPerSecond, r.p50Ms, r.p99Ms]);
  rows.forEach((r, i) => cells[i]!.push(r.cpuUsPerUpdate, r.harnessCpuUsPerUpdate, r.repliesSent, r.non200));
  console.log(formatTable(header, cells));
}

function printRatios(framework: Framework, r: Ratios, rows: readonly WebhookRow[]): void {
  const [desk] = rows as [WebhookRow];
  const rounds = r.roundRatios.join(', ');
  console.log(
    `\n${framework}: per-update cost, desk / echo: ${r.costRatio} (CPU; rounds ${rounds}), ${r.throughputRatio} (updates/s)  [target <= 2]`,
  );
  console.log(`${framework}: desk runtime with an echo feature / echo: ${r.stackRatio} (CPU)`);
  console.log(`${framework}: desk question updates a second: ${desk.updatesPerSecond}  [target >= 1000]`);
}

async function run(): Promise<void> {
  const frameworks = (process.env.BENCH_FRAMEWORKS ?? 'grammy,telegraf')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is Framework => name === 'grammy' || name === 'telegraf');
  const target = compileTarget();
  const results: { framework: Framework; rows: WebhookRow[]; ratios: Ratios }[] = [];
  for (const framework of frameworks) {
    const { rows, roundRatios } = await measureWebhook(framework, target);
    results.push({ framework, rows, ratios: ratiosOf(rows, roundRatios) });
  }
  printRows(results.flatMap((r) => r.rows));
  for (const { framework, rows, ratios } of results) printRatios(framework, ratios, rows);
  const path = await writeResults('webhook', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    concurrency: CONCURRENCY,
    rounds: settings().rounds,
    rows: results.flatMap((r) => r.rows),
    ...results[0]?.ratios,
    byFramework: Object.fromEntries(results.map((r) => [r.framework, r.ratios])),
  });
  console.log(`written to ${path}`);
}

export const section: BenchSection = {
  name: 'webhook',
  description:
    'updates/s and p50/p99 through the webhook endpoint, Community Desk beside a bare echo bot, on grammY and telegraf',
  run,
};
