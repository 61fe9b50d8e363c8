import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisConnection } from '../../src/adapters/redis/connection.js';
import { ReloadBus } from '../../src/adapters/redis/reload-bus.js';
import { createReloader } from '../../src/app/reload/reloader.js';
import type { SwappableKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import { projectRoot } from '../../src/project-root.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';
import {
  invalidKb,
  kbFolder,
  kbText,
  nextKb,
  shippedKb,
  silentLog,
  storeFor,
} from '../app/reload/support.js';

const root = projectRoot();
const TSX = join(root, 'node_modules/.bin/tsx');

interface Run {
  code: number;
  stdout: string[];
}

/** Runs the tool from an empty folder (no .env) against `redisUrl`. */
async function kbReload(args: string[], env: Record<string, string>): Promise<Run> {
  try {
    const { stdout } = await promisify(execFile)(TSX, [join(root, 'src/cli/kb-reload.ts'), ...args], {
      cwd: work,
      env: { PATH: process.env.PATH, ...env },
    });
    return { code: 0, stdout: stdout.trimEnd().split('\n') };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout.trimEnd().split('\n') };
  }
}

let redis: RedisServerHandle;
let work: string;
let folder: Awaited<ReturnType<typeof kbFolder>>;
let store: SwappableKnowledgeStore;
let close: () => Promise<void>;

beforeAll(async () => {
  // A private Redis, because the tool uses the deployment's own key prefix.
  redis = await startRedisServer();
  work = await mkdtemp(join(tmpdir(), 'kb-reload-'));
  folder = await kbFolder();
  const connection = createRedisConnection(redis.url, { logger: silentLog, name: 'cli-test-instance' });
  await connection.connect();
  store = storeFor(await shippedKb());
  const reloader = createReloader({ store, kbPath: folder.kbPath, defaultLanguage: 'en', log: silentLog });
  const bus = new ReloadBus({ redis: connection, log: silentLog, id: 'instance-1', reloader });
  await bus.start();
  close = async () => {
    await bus.stop();
    connection.disconnect();
  };
});

afterAll(async () => {
  await close();
  await folder.dispose();
  await rm(work, { recursive: true, force: true });
  await redis.dispose();
});

describe('npm run kb:reload', () => {
  it('refuses an invalid file with its errors and tells no instance (exit 1)', async () => {
    const file = join(work, 'broken.json');
    await writeFile(file, kbText(await invalidKb()));
    const run = await kbReload([file], { REDIS_URL: redis.url, KB_PATH: folder.kbPath });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('entry funding: answer.fr: is missing');
    expect(run.stdout.at(-1)).toBe(`${file}: invalid, 2 errors; nothing was published`);
    expect(store.current().version).not.toBe('broken.1');
  });

  it('validates a file, sends it to every instance and prints what each did (exit 0)', async () => {
    const file = join(work, 'next.json');
    const text = kbText(await nextKb('cli.1'));
    await writeFile(file, text);

    const run = await kbReload([file], { REDIS_URL: redis.url, KB_PATH: folder.kbPath });

    expect(run.code).toBe(0);
    expect(run.stdout[0]).toBe(`${file}: valid, version cli.1, 27 entries (en 27, zh 27, de 27, fr 27)`);
    expect(run.stdout[1]).toMatch(
      /^instance-1: reloaded, version cli\.1 \(was .+\), 27 entries, \+1 -1 ~\d+, \d+ ms$/,
    );
    expect(store.current().version).toBe('cli.1');
    expect(await readFile(folder.kbPath, 'utf8')).toBe(text);
  });

  it('without a file, has every instance re-read its KB_PATH', async () => {
    await writeFile(folder.kbPath, kbText(await nextKb('cli.2')));
    const run = await kbReload([], { REDIS_URL: redis.url, KB_PATH: folder.kbPath });
    expect(run.code).toBe(0);
    expect(run.stdout[1]).toMatch(/^instance-1: reloaded, version cli\.2 \(was cli\.1\)/);
  });

  it('says so in one line when Redis cannot be reached (exit 1)', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const run = await kbReload([], { REDIS_URL: url, KB_PATH: folder.kbPath });
    expect(run.code).toBe(1);
    expect(run.stdout.at(-1)).toMatch(
      new RegExp(`^Redis at ${url} is unreachable .*; nothing was published$`),
    );
  });
});
