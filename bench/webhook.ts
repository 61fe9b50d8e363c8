/**
 * Webhook benchmark: updates a second and p50/p99 latency through the webhook endpoint, from the HTTP request
 * in to the reply sent to a loopback Bot API, for Community Desk's whole webhook stack (secret check,
 * update_id dedupe in Redis, rate limit, language preference, search, reply) beside a bare grammY bot that
 * echoes, in the same run on the same machine. Each bot runs in its own process; the load (40 requests in
 * flight, Telegram's default max_connections) and the loopback Bot API run here. Per-update cost is the bot
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
const WARM_UP = 1_000;
const MEASURED = Number(process.env.BENCH_UPDATES ?? 8_000);

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

async function measure(
  target: string,
  framework: Framework,
  mode: Target,
  api: LoopbackBotApi,
  redisUrl: string,
  all: string[],
): Promise<WebhookRow> {
  const { child, port } = await startTarget(target, framework, mode, api, redisUrl);
  try {
    await load(port, all.slice(0, WARM_UP), { concurrency: CONCURRENCY, secret: SECRET });
    const repliesBefore = api.replies();
    const cpuBefore = await cpuOf(child);
    const parentBefore = process.cpuUsage();
    const { times, wallMs, non200 } = await load(port, all.slice(WARM_UP), {
      concurrency: CONCURRENCY,
      secret: SECRET,
    });
    const parentCpu = process.cpuUsage(parentBefore);
    const cpu = await cpuOf(child);
    times.sort();
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
    const cpuUs = cpu.user - cpuBefore.user + (cpu.system - cpuBefore.system);
    return {
      framework,
      bot: mode,
      updates: times.length,
      updatesPerSecond: Math.round((times.length / wallMs) * 1000),
      p50Ms: round(at(0.5), 2),
      p99Ms: round(at(0.99), 2),
      cpuUsPerUpdate: Math.round(cpuUs / times.length),
      harnessCpuUsPerUpdate: Math.round((parentCpu.user + parentCpu.system) / times.length),
      repliesSent: api.replies() - repliesBefore,
      non200,
    };
  } finally {
    child.send('exit');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/**
 * Runs the bots of one framework on the same questions and returns one row each (desk, stack, echo).
 */
export async function measureWebhook(
  framework: Framework = 'grammy',
  target = compileTarget(),
): Promise<WebhookRow[]> {
  const redis = process.env.REDIS_URL ? undefined : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? redis!.url;
  const api = await startLoopbackBotApi();
  try {
    const qs = await questions();
    const bodies = (offset: number) =>
      Array.from({ length: WARM_UP + MEASURED }, (_, i) => updateBody(offset + i, qs[i % qs.length]!));
    // Update ids differ per framework as well: the dedupe marks of one run must not hide the next one's.
    const base = framework === 'grammy' ? 0 : 1_000_000;
    const echo = await measure(target, framework, 'echo', api, redisUrl, bodies(base));
    const stack = await measure(target, framework, 'stack', api, redisUrl, bodies(base + 100_000));
    const desk = await measure(target, framework, 'desk', api, redisUrl, bodies(base + 200_000));
    const desk2 = await measure(target, framework, 'desk2', api, redisUrl, bodies(base + 300_000));
    return [desk, stack, echo, desk2];
  } finally {
    await api.close();
    await redis?.dispose();
  }
}

async function run(): Promise<void> {
  const frameworks = (process.env.BENCH_FRAMEWORKS ?? 'grammy,telegraf')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is Framework => name === 'grammy' || name === 'telegraf');
  const rows: WebhookRow[] = [];
  const ratios: Partial<
    Record<Framework, { costRatio: number; throughputRatio: number; stackRatio: number }>
  > = {};
  const target = compileTarget();
  for (const framework of frameworks) {
    const [desk, stack, echo, desk2] = (await measureWebhook(framework, target)) as [
      WebhookRow,
      WebhookRow,
      WebhookRow,
      WebhookRow,
    ];
    rows.push(desk, stack, echo, desk2);
    ratios[framework] = {
      costRatio: round(desk.cpuUsPerUpdate / echo.cpuUsPerUpdate, 2),
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
      `\n${framework}: per-update cost, desk / echo: ${r.costRatio} (CPU), ${r.throughputRatio} (updates/s)  [target <= 2]`,
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
