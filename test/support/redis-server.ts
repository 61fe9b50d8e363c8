import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** A private redis-server for tests that stop, kill or restart Redis, or for machines without a shared one. */
export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: no chance to write anything more to disk. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** Starts again on the same port and data folder (so an append-only file is replayed). */
  start(): Promise<void>;
  /** Stops and removes the data folder. */
  dispose(): Promise<void>;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export const INSTALL_REDIS_HINT =
  'redis-server not found: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL';

/**
 * Pings without blocking the event loop, so that the test's clients see the old server go (and start
 * reconnecting) while the new one comes up, as they would in production.
 */
async function waitForPing(port: number, deadlineMs = 5000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < deadlineMs) {
    const pong = await new Promise<boolean>((resolve) =>
      execFile(
        'redis-cli',
        ['-p', String(port), 'ping'],
        { encoding: 'utf8', timeout: 1_000 },
        (err, stdout) => resolve(!err && stdout.trim() === 'PONG'),
      ),
    );
    if (pong) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${deadlineMs} ms`);
}

/** Starts redis-server on a free loopback port; `appendonly` makes acknowledged writes survive a kill. */
export async function startRedisServer(opts: { appendonly?: boolean } = {}): Promise<RedisServerHandle> {
  if (!redisServerInstalled()) throw new Error(INSTALL_REDIS_HINT);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'desk-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        opts.appendonly ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await waitForPing(port);
  };
  const exit = async (signal: NodeJS.Signals) => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => exit('SIGKILL'),
    stop: () => exit('SIGTERM'),
    start,
    dispose: async () => {
      await exit('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
