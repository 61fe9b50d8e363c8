import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/project-root.js';
import type { BotFramework } from './bot-starters.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { testRedisUrl } from './redis.js';
import { freePort } from './free-port.js';

/** src/main.ts running as its own process, with everything it printed. */
export interface MainProcess {
  process: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/**
 * Runs the real composition root (src/main.ts) as its own process, against whatever `env` points it to.
 */
export function startMain(env: Record<string, string>): MainProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot(),
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { process: proc, output: () => out, exit };
}

/** Waits until `predicate` holds; the error carries the process's output, which says why it did not. */
export async function until(
  what: string,
  predicate: () => boolean,
  timeoutMs: number,
  c?: MainProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline)
      throw new Error(`${what} not seen within ${timeoutMs} ms\n${c?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The variables every run needs: the framework, the fake Bot API, the test Redis and a free HTTP port. */
export async function baseEnv(api: FakeBotApi, framework: BotFramework): Promise<Record<string, string>> {
  return {
    BOT_FRAMEWORK: framework,
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    REDIS_URL: testRedisUrl(),
    HTTP_PORT: String(await freePort()),
  };
}
