import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/project-root.js';
import { eventually } from '../adapters/queue/follow-up-fixture.js';
import { STAFF_CHAT, type FollowUpBot } from './follow-up-harness.js';

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker has printed `line` ("ready", or "posting" with HANG_ON_SEND=1). */
  printed(line: string, timeoutMs?: number): Promise<void>;
}

/**
 * A follow-up worker in a process of its own (test/adapters/queue/worker-process.ts, as ROLE=worker runs it)
 * on `bot`'s Redis, namespace and fake Bot API, for tests that kill a worker for real; `env` adds its knobs.
 * Resolves once it is ready.
 */
export async function spawnWorkerProcess(
  bot: FollowUpBot,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(projectRoot(), 'test/adapters/queue/worker-process.ts')],
    {
      cwd: projectRoot(),
      env: {
        ...process.env,
        REDIS_URL: bot.redisUrl,
        NAMESPACE: bot.namespace,
        API_ROOT: bot.h.fake.apiRoot,
        BOT_TOKEN: bot.h.fake.token,
        STAFF_CHAT_ID: String(STAFF_CHAT.id),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  const printed = (line: string, timeoutMs = 15_000) =>
    eventually(() => output.includes(line), timeoutMs).then(() => undefined);
  await printed('ready');
  return { child, printed };
}
