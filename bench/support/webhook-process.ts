/**
 * The webhook benchmark's bot processes (bench/support/webhook-target.ts, compiled): starting one, loading it
 * for one measured window, turning windows into a row, stopping it (even when it has died).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { LoopbackBotApi } from './loopback-bot-api.js';
import { round } from './measure.js';
import { load } from './webhook-load.js';

/**
 * desk: Community Desk; stack: its runtime with an echo feature instead of the question path; echo: the bare
 * framework.
 */
export type Target = 'desk' | 'stack' | 'echo';
export type Framework = 'grammy' | 'telegraf';

export const SECRET = 'bench_webhook_secret';
export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 40);

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

/** A bot process ready for load. */
export interface RunningTarget {
  mode: Target;
  child: ChildProcess;
  port: number;
}

/** One measured window of a bot: its updates' times, and the CPU the bot and the harness spent on them. */
export interface Window {
  times: Float64Array;
  wallMs: number;
  cpuUs: number;
  harnessCpuUs: number;
}

export async function startTarget(
  target: string,
  framework: Framework,
  mode: Target,
  api: LoopbackBotApi,
  redisUrl: string,
): Promise<RunningTarget> {
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
  // A send on a channel that just closed is reported here; the exit that follows is what the waits notice.
  child.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${mode} target ${reason}`));
    };
    const timer = setTimeout(() => fail(`did not start within ${START_MS / 1000} s`), START_MS);
    child.once('exit', (code) => fail(`exited with ${code}`));
    child.stdout!.once('data', (d: Buffer) => {
      clearTimeout(timer);
      const announced = /\{"port":(\d+)\}/.exec(d.toString())?.[1];
      if (announced) resolve(Number(announced));
      else fail(`announced no port: ${d.toString().slice(0, 200)}`);
    });
  });
  return { mode, child, port };
}

/** How long a bot may take to start, and to tell its CPU time. */
const START_MS = 60_000;
const ANSWER_MS = 10_000;

const isGone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

const isCpuUsage = (m: unknown): m is NodeJS.CpuUsage =>
  typeof (m as NodeJS.CpuUsage | null)?.user === 'number' &&
  typeof (m as NodeJS.CpuUsage).system === 'number';

/** The bot's CPU usage so far; rejects when the bot dies or does not answer, instead of waiting forever. */
function cpuOf(target: RunningTarget): Promise<NodeJS.CpuUsage> {
  const { child, mode } = target;
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('exit', died);
      child.off('message', answer);
    };
    const fail = (reason: string) => {
      done();
      reject(new Error(`${mode} target ${reason}`));
    };
    const died = () => fail('exited');
    const answer = (m: unknown) => {
      if (!isCpuUsage(m)) return;
      done();
      resolve(m);
    };
    const timer = setTimeout(() => fail('did not tell its CPU time'), ANSWER_MS);
    if (isGone(child)) return died();
    child.once('exit', died);
    child.on('message', answer);
    child.send('cpu', (err) => err && fail(`cannot be asked (${err.message})`));
  });
}

/** Waits until `expected` replies arrived (when given) and no more arrive for a moment, at most 30 s. */
async function repliesSettled(api: LoopbackBotApi, expected = 0): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = -1;
  while (Date.now() < deadline) {
    const now = api.replies();
    if (now >= expected && now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Posts `bodies` to the bot and measures; throws unless every update got its 200 and its reply (a repeated
 * update_id, say, would make the bot look cheap by doing nothing).
 */
export async function measureWindow(
  target: RunningTarget,
  api: LoopbackBotApi,
  bodies: string[],
): Promise<Window> {
  // Replies leave after the webhook's 200 (the reply outbox): the last window's may still be on their way.
  await repliesSettled(api);
  const repliesBefore = api.replies();
  const cpuBefore = await cpuOf(target);
  const parentBefore = process.cpuUsage();
  const { times, wallMs, non200 } = await load(target.port, bodies, {
    concurrency: CONCURRENCY,
    secret: SECRET,
  });
  await repliesSettled(api, repliesBefore + bodies.length);
  const parentCpu = process.cpuUsage(parentBefore);
  const cpu = await cpuOf(target);
  const replies = api.replies() - repliesBefore;
  if (non200 > 0 || replies !== bodies.length)
    throw new Error(
      `${target.mode}: ${bodies.length} updates, ${non200} not answered 200, ${replies} replies`,
    );
  return {
    times,
    wallMs,
    cpuUs: cpu.user - cpuBefore.user + (cpu.system - cpuBefore.system),
    harnessCpuUs: parentCpu.user + parentCpu.system,
  };
}

/** The row of a bot from its windows: times pooled, CPU summed over all of them. */
export function rowOf(framework: Framework, mode: Target, windows: readonly Window[]): WebhookRow {
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
    // Every window was checked to have all its replies and 200s (measureWindow).
    repliesSent: times.length,
    non200: 0,
  };
}

/** Asks the bot to exit and waits for it; kills it if it has not gone in 5 s. A dead bot is left alone. */
export async function stopTarget(target: RunningTarget): Promise<void> {
  const { child } = target;
  if (isGone(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send('exit', (err) => err && child.kill());
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
