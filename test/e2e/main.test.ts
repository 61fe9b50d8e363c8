import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { frameworks } from '../support/bot-starters.js';
import { startFakeBotApi, type FakeBotApi } from '../support/fake-bot-api.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, type RedisServerHandle } from '../support/redis-server.js';

const t = createTranslator();
const root = projectRoot();
// An empty working directory, so that a developer's .env cannot change what these tests see.
const cwd = mkdtempSync(join(tmpdir(), 'desk-main-'));
const KB = join(root, 'data/knowledge-base.json');
// tsx resolved from the project, since the child runs elsewhere.
const TSX = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', TSX, join(root, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', KB_PATH: KB, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

// Each test starts src/main.ts under tsx: seconds on a busy machine, before the scenario's own waits.
const CHILD_TEST_TIMEOUT_MS = 60_000;

describe('npm start (src/main.ts)', { timeout: CHILD_TEST_TIMEOUT_MS }, () => {
  let fake: FakeBotApi;
  let redis: RedisServerHandle;
  let running: Run | undefined;
  beforeAll(async () => {
    fake = await startFakeBotApi();
    redis = await startRedisServer();
  });
  afterEach(() => {
    running?.child.kill('SIGKILL');
    running = undefined;
  });
  afterAll(async () => {
    await fake.close();
    await redis.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('without a token, says in one line how to get one and how to try the bot, and exits 2', async () => {
    const run = runMain({});
    expect(await run.exited).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TELEGRAM_BOT_TOKEN.*BotFather.*npm run ask/);
  });

  it('names a bad variable in one line and exits 2', async () => {
    const run = runMain({ TELEGRAM_BOT_TOKEN: fake.token, REDIS_URL: 'http://localhost' });
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim()).toMatch(/^REDIS_URL .*redis:\/\//);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('lists what is wrong with the knowledge base and exits 1', async () => {
    const run = runMain({ TELEGRAM_BOT_TOKEN: fake.token, KB_PATH: join(cwd, 'missing.json') });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('missing.json does not exist');
  });

  describe.each(frameworks())('with BOT_FRAMEWORK=%s', (framework) => {
    it('exits 1 when Telegram refuses the token', async () => {
      const run = runMain({
        BOT_FRAMEWORK: framework,
        TELEGRAM_BOT_TOKEN: '999:AAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        TELEGRAM_API_ROOT: fake.apiRoot,
        REDIS_URL: redis.url,
      });
      expect(await run.exited).toBe(1);
    });

    it('runs the bot with long polling, registers its commands, and stops cleanly on SIGTERM', async () => {
      // The fake is shared by both frameworks' runs: only this run's calls count.
      const since = fake.mark();
      running = runMain({
        BOT_FRAMEWORK: framework,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        REDIS_URL: redis.url,
      });
      await fake.waitForCall('setMyCommands', (c) => c.params.language_code === 'fr', 15_000, { since });
      const user = fake.user({ languageCode: 'de' });
      fake.sendCommand(user, 'start');
      await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id, 10_000);
      expect(fake.sentTo(user.id)[0]!.text).toBe(t('de', 'start:welcome', { name: user.first_name }));
      expect((fake.commandsFor('de') as { command: string }[]).map((c) => c.command)).toContain('lang');

      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      expect(fake.pendingUpdates).toHaveLength(0);
    });

    it('answers even when Redis is unreachable from the start', async () => {
      const nowhere = `redis://127.0.0.1:${await freePort()}`;
      running = runMain({
        BOT_FRAMEWORK: framework,
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        REDIS_URL: nowhere,
      });
      await fake.waitForCall('setMyCommands', () => true, 15_000, { since: fake.mark() });
      const user = fake.user({ languageCode: 'fr' });
      fake.sendText(user, "Qu'est-ce que le système 1+30+N ?");
      await fake.waitForCall('sendMessage', (c) => c.params.chat_id === user.id, 10_000);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    });
  });
});
