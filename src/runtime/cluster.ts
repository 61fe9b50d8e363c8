import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger.js';

/** The environment variable that tells a child process its place among the bot processes (0, 1, ...). */
export const PROCESS_INDEX_VARIABLE = 'DESK_PROCESS_INDEX';
/** The supervisor's request to a child: shut down gracefully (an IPC message, see the note in superviseChildren). */
export const SHUTDOWN_MESSAGE = 'desk:shutdown';

export interface SuperviseOptions {
  /** How many bot processes share the HTTP port. */
  processes: number;
  log: Logger;
  /** A child that took longer than this to exit after the request is killed; default 10 s (issue #4's budget). */
  graceMs?: number;
  exit?: (code: number) => void;
}

/** A child that dies this soon after its start is failing to start: restarts back off up to 30 s. */
const QUICK_DEATH_MS = 10_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Runs in the primary process of WEB_CONCURRENCY > 1: forks the bot processes (this same script, told their
 * index), restarts one that dies unexpectedly, and passes shutdown on. The children share HTTP_PORT through
 * node:cluster, so that each update is handled by one of them; everything they share (update dedupe, rate
 * limits, language choices, reloads) already lives in Redis, as for several instances.
 *
 * Shutdown reaches the children as an IPC message, not a signal: Ctrl-C already sends SIGINT to the whole
 * process group, and a child that got a forwarded signal as well would take it for the second, "exit at
 * once", one. The primary exits 0 when every child exited 0 within the grace period, 1 otherwise; a second
 * signal kills the children at once.
 */
export function superviseChildren(opts: SuperviseOptions): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const graceMs = opts.graceMs ?? 10_000;
  let stopping = false;
  let failed = false;
  const restarts = new Map<number, number>();
  const live = new Set<Worker>();

  const fork = (index: number): Worker => {
    const started = Date.now();
    const worker = cluster.fork({ [PROCESS_INDEX_VARIABLE]: String(index) });
    live.add(worker);
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        if (live.size === 0) exit(failed ? 1 : 0);
        return;
      }
      const quick = Date.now() - started < QUICK_DEATH_MS;
      const attempt = quick ? (restarts.get(index) ?? 0) + 1 : 0;
      restarts.set(index, attempt);
      const delay = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), MAX_RESTART_DELAY_MS);
      opts.log.error({ index, code, signal, restartInMs: delay }, 'bot process died; restarting it');
      setTimeout(() => !stopping && fork(index), delay).unref();
    });
    return worker;
  };

  for (let index = 0; index < opts.processes; index++) fork(index);
  opts.log.info({ processes: opts.processes }, 'bot processes started');

  const onSignal = (signal: NodeJS.Signals) => {
    const workers = [...live];
    if (stopping) {
      opts.log.warn({ signal }, 'second signal: killing the bot processes');
      for (const worker of workers) worker.process.kill('SIGKILL');
      exit(1);
      return;
    }
    stopping = true;
    opts.log.info({ signal, processes: workers.length }, 'shutting down the bot processes');
    if (workers.length === 0) return exit(0);
    for (const worker of workers) if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
    setTimeout(() => {
      opts.log.error({ graceMs }, 'bot processes did not exit in time; killing them');
      for (const worker of live) worker.process.kill('SIGKILL');
      exit(1);
    }, graceMs).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** This process's index among the bot processes: 0 when not clustered. */
export function processIndex(): number {
  return cluster.isWorker ? Number(process.env[PROCESS_INDEX_VARIABLE] ?? 0) : 0;
}

/**
 * In a child: the supervisor's shutdown request, or the supervisor's disappearance (the IPC channel closes),
 * starts `shutdown`. Does nothing outside a cluster.
 */
export function followSupervisor(shutdown: (reason: string) => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (message) => {
    if (message === SHUTDOWN_MESSAGE) shutdown('supervisor');
  });
  process.on('disconnect', () => shutdown('supervisor gone'));
}
