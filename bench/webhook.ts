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
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { startLoopbackBotApi, type LoopbackBotApi } from './support/loopback-bot-api.js';
import { load, questions, updateBody } from './support/webhook-load.js';
import { formatTable, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';

const SECRET = 'bench_webhook_secret';
/**
 * desk: Community Desk; desk2: the same in two processes on one port (WEB_CONCURRENCY=2); stack: its runtime
 * with an echo feature instead of the question path; echo: the bare framework.
 */
type Target = 'desk' | 'desk2' | 'stack' | 'echo';
type Framework = 'grammy' | 'telegraf';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 40);
const WARM_UP = 2_000;
const MEASURED = Number(process.env.BENCH_UPDATES ?? 12_000);
/** Desk, stack and echo are loaded in turn this many times (see measureWebhook). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);

export interface WebhookRow {
  framework: Framework;
  bot: Target;
  updates: number;
  updatesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the bot's process per update (user + system), in microseconds. */
  cpuUsPerUpdate: number;
  /** CPU time of this process (the load and the loopback Bot API) per update. */
  harnessCpuUsPerUpdate: number;
  repliesSent: number;
  non200: number;
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

async function startTarget(
  target: string,
  framework: Framework,
  mode: Target,
  api: LoopbackBotApi,
  redisUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(target, [], {
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    env: {
      ...process.env,
      BENCH_MODE: mode,
      BENCH_FRAMEWORK: framework,
      TELEGRAM_API_ROOT: api.apiRoot,
      REDIS_URL: redisUrl,
      WEBHOOK_SECRET: SECRET,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} target exited with ${code}`)));
    child.stdout!.once('data', (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
  });
  return { child, port };
}

const cpuOf = (child: ChildProcess): Promise<NodeJS.CpuUsage> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve(m as NodeJS.CpuUsage));
    child.send('cpu');
  });

/** A bot process under load: its port, and a stop that ends it. */
interface RunningTarget {
  mode: Target;
  child: ChildProcess;
  port: number;
}

/** One measured window of a bot: its updates, their times, and the CPU the bot and the harness spent. */
interface Window {
  times: Float64Array;
  wallMs: number;
  non200: number;
  cpuUs: number;
  harnessCpuUs: number;
  replies: number;
}

async function measureWindow(target: RunningTarget, api: LoopbackBotApi, bodies: string[]): Promise<Window> {
  const repliesBefore = api.replies();
  const cpuBefore = await cpuOf(target.child);
  const parentBefore = process.cpuUsage();
  const { times, wallMs, non200 } = await load(target.port, bodies, {
    concurrency: CONCURRENCY,
    secret: SECRET,
  });
  const parentCpu = process.cpuUsage(parentBefore);
  const cpu = await cpuOf(target.child);
  return {
    times,
    wallMs,
    non200,
    cpuUs: cpu.user - cpuBefore.user + (cpu.system - cpuBefore.system),
    harnessCpuUs: parentCpu.user + parentCpu.system,
    replies: api.replies() - repliesBefore,
  };
}

function rowOf(framework: Framework, mode: Target, windows: readonly Window[]): WebhookRow {
  const times = Float64Array.from(windows.flatMap((w) => [...w.times])).sort();
  const sum = (pick: (w: Window) => number) => windows.reduce((total, w) => total + pick(w), 0);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return {
    framework,
    bot: mode,
    updates: times.length,
    updatesPerSecond: Math.round((times.length / sum((w) => w.wallMs)) * 1000),
    p50Ms: round(at(0.5), 2),
    p99Ms: round(at(0.99), 2),
    cpuUsPerUpdate: Math.round(sum((w) => w.cpuUs) / times.length),
    harnessCpuUsPerUpdate: Math.round(sum((w) => w.harnessCpuUs) / times.length),
    repliesSent: sum((w) => w.replies),
    non200: sum((w) => w.non200),
  };
}

async function stopTarget(target: RunningTarget): Promise<void> {
  target.child.send('exit');
  await new Promise((resolve) => target.child.once('exit', resolve));
}

/**
 * Runs the bots of one framework on the same questions and returns one row each (desk, stack, echo, desk2),
 * and the desk/echo CPU ratio of each round. Desk, stack and echo run side by side and are loaded in turn,
 * ROUNDS times, each round a share of the updates: a slow spell of the machine then falls on all three
 * alike instead of on whichever ran during it. desk2 (two processes) is measured on its own afterwards.
 */
export async function measureWebhook(
  framework: Framework = 'grammy',
  target = compileTarget(),
): Promise<{ rows: WebhookRow[]; roundRatios: number[] }> {
  const redis = process.env.REDIS_URL ? undefined : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? redis!.url;
  const api = await startLoopbackBotApi();
  const running: RunningTarget[] = [];
  try {
    const qs = await questions();
    // Update ids differ per framework, bot and round: the dedupe marks of one window must not hide another's.
    const base = framework === 'grammy' ? 0 : 10_000_000;
    const bodies = (bot: number, from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        updateBody(base + bot * 1_000_000 + from + i, qs[(from + i) % qs.length]!),
      );
    const modes: Target[] = ['echo', 'stack', 'desk'];
    for (const mode of modes)
      running.push({ mode, ...(await startTarget(target, framework, mode, api, redisUrl)) });
    for (const [bot, t] of running.entries())
      await load(t.port, bodies(bot, 0, WARM_UP), { concurrency: CONCURRENCY, secret: SECRET });
    const perRound = Math.ceil(MEASURED / ROUNDS);
    const windows = new Map<Target, Window[]>(modes.map((mode) => [mode, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [bot, t] of running.entries())
        windows
          .get(t.mode)!
          .push(await measureWindow(t, api, bodies(bot, WARM_UP + round * perRound, perRound)));
    }
    await Promise.all(running.splice(0).map(stopTarget));
    const pair = {
      mode: 'desk2' as const,
      ...(await startTarget(target, framework, 'desk2', api, redisUrl)),
    };
    running.push(pair);
    await load(pair.port, bodies(3, 0, WARM_UP), { concurrency: CONCURRENCY, secret: SECRET });
    const desk2 = await measureWindow(pair, api, bodies(3, WARM_UP, MEASURED));
    const row = (mode: Target) => rowOf(framework, mode, windows.get(mode)!);
    const cpuPerUpdate = (w: Window) => w.cpuUs / w.times.length;
    const roundRatios = windows
      .get('desk')!
      .map((w, round) => round2(cpuPerUpdate(w) / cpuPerUpdate(windows.get('echo')![round]!)));
    return {
      rows: [row('desk'), row('stack'), row('echo'), rowOf(framework, 'desk2', [desk2])],
      roundRatios,
    };
  } finally {
    await Promise.all(running.map(stopTarget));
    await api.close();
    await redis?.dispose();
  }
}

const round2 = (value: number) => round(value, 2);

async function run(): Promise<void> {
  const frameworks = (process.env.BENCH_FRAMEWORKS ?? 'grammy,telegraf')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is Framework => name === 'grammy' || name === 'telegraf');
  const rows: WebhookRow[] = [];
  const ratios: Partial<
    Record<
      Framework,
      { costRatio: number; roundRatios: number[]; throughputRatio: number; stackRatio: number }
    >
  > = {};
  const target = compileTarget();
  for (const framework of frameworks) {
    const measured = await measureWebhook(framework, target);
    const [desk, stack, echo, desk2] = measured.rows as [WebhookRow, WebhookRow, WebhookRow, WebhookRow];
    rows.push(desk, stack, echo, desk2);
    ratios[framework] = {
      costRatio: round(desk.cpuUsPerUpdate / echo.cpuUsPerUpdate, 2),
      roundRatios: measured.roundRatios,
      throughputRatio: round(echo.updatesPerSecond / desk.updatesPerSecond, 2),
      stackRatio: round(stack.cpuUsPerUpdate / echo.cpuUsPerUpdate, 2),
    };
  }
  const header = [
    'framework',
    'bot',
    'updates',
    'updates/s',
    'p50 ms',
    'p99 ms',
    'CPU µs/update',
    'harness µs/update',
    'replies',
    'non-200',
  ];
  console.log(
    formatTable(
      header,
      rows.map((r) => [
        r.framework,
        r.bot,
        r.updates,
        r.updatesPerSecond,
        r.p50Ms,
        r.p99Ms,
        r.cpuUsPerUpdate,
        r.harnessCpuUsPerUpdate,
        r.repliesSent,
        r.non200,
      ]),
    ),
  );
  for (const framework of frameworks) {
    const r = ratios[framework]!;
    const desk = rows.find((row) => row.framework === framework && row.bot === 'desk')!;
    const desk2 = rows.find((row) => row.framework === framework && row.bot === 'desk2')!;
    console.log(
      `\n${framework}: per-update cost, desk / echo: ${r.costRatio} (CPU; rounds ${r.roundRatios.join(', ')}), ${r.throughputRatio} (updates/s)  [target <= 2]`,
    );
    console.log(`${framework}: desk runtime with an echo feature / echo: ${r.stackRatio} (CPU)`);
    console.log(
      `${framework}: desk question updates a second: ${desk.updatesPerSecond} in one process, ${desk2.updatesPerSecond} in two (WEB_CONCURRENCY=2)  [target >= 1000]`,
    );
  }
  const path = await writeResults('webhook', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    rows,
    ...ratios[frameworks[0]!],
    byFramework: ratios,
  });
  console.log(`written to ${path}`);
}

export const section: BenchSection = {
  name: 'webhook',
  description:
    'updates/s and p50/p99 through the webhook endpoint, Community Desk beside a bare echo bot, on grammY and telegraf',
  run,
};
