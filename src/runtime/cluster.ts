import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../logger.js';

/** The environment variable that tells a child process its place among the bot processes (0, 1, ...). */
export const PROCESS_INDEX_VARIABLE = 'DESK_PROCESS_INDEX';
/** The supervisor's request to a child: shut down gracefully (an IPC message, see the note in superviseChildren). */
export const SHUTDOWN_MESSAGE = 'desk:shutdown';
/** A child's word that it started (knowledge base loaded, HTTP listening). */
export const READY_MESSAGE = 'desk:ready';

export interface SuperviseOptions {
  /** How many bot processes share the HTTP port. */
  processes: number;
  log: Logger;
  /** A child that took longer than this to exit after the request is killed; default 10 s (issue #4's budget). */
  graceMs?: number;
  exit?: (code: number) => void;
}

/** A child that dies this soon after its start keeps failing: restarts back off up to 30 s. */
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
 * signal kills the children at once. A child that dies before it ever said it was ready (an invalid knowledge
 * base, say) stops them all, and the primary exits with its code, as a single process would.
 */
export function superviseChildren(opts: SuperviseOptions): void {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const graceMs = opts.graceMs ?? 10_000;
  let stopping = false;
  let exitCode = 0;
  const restarts = new Map<number, number>();
  const live = new Set<Worker>();

  const fork = (index: number): void => {
    const started = Date.now();
    let ready = false;
    const worker = cluster.fork({ [PROCESS_INDEX_VARIABLE]: String(index) });
    live.add(worker);
    // A send to a child that just died fails with an 'error' event; its 'exit' is what the supervisor acts on.
    worker.on('error', () => undefined);
    worker.on('message', (message) => (ready ||= message === READY_MESSAGE));
    worker.on('exit', (code, signal) => {
      live.delete(worker);
      if (!stopping && !ready) {
        opts.log.fatal({ index, code, signal }, 'a bot process failed to start; stopping the others');
        return stopAll(code || 1);
      }
      if (stopping) {
        if (code !== 0) exitCode ||= code ?? 1;
        if (live.size === 0) exit(exitCode);
        return;
      }
      restartLater(index, Date.now() - started, { code, signal });
    });
  };
  const restartLater = (index: number, livedMs: number, how: { code: number; signal: string }) => {
    const attempt = livedMs < QUICK_DEATH_MS ? (restarts.get(index) ?? 0) + 1 : 0;
    restarts.set(index, attempt);
    const delay = Math.min(1_000 * 2 ** Math.max(0, attempt - 1), MAX_RESTART_DELAY_MS);
    opts.log.error({ index, ...how, restartInMs: delay }, 'bot process died; restarting it');
    // Not unref'd: while every child is down, this timer is what keeps the supervisor alive.
    setTimeout(() => !stopping && fork(index), delay);
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
    opts.log.info({ signal, processes: workers.length }, 'shutting down the bot processes');
    stopAll(0);
  };
  /** Asks every child to shut down; exits once all have (see the exit handler), or kills them after graceMs. */
  const stopAll = (code: number) => {
    stopping = true;
    exitCode = code;
    if (live.size === 0) return exit(exitCode);
    for (const worker of live) if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
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
 * In a child, once started: tells the supervisor so, and lets it drive shutdown. SIGINT is ignored here: Ctrl-C
 * reaches the whole process group, and the supervisor's request, which comes with it, must not be taken for a
 * second signal. A SIGTERM sent to the child itself still shuts it down gracefully. (If the supervisor dies,
 * node:cluster ends the child as soon as the IPC channel closes.) Returns false outside a cluster, where the
 * caller installs the usual signal handlers.
 */
export function followSupervisor(shutdown: (reason: string) => void): boolean {
  if (!cluster.isWorker) return false;
  process.send?.(READY_MESSAGE);
  process.on('message', (message) => {
    if (message === SHUTDOWN_MESSAGE) shutdown('supervisor');
  });
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return true;
}
