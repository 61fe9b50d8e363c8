import type { Logger } from '../logger.js';

/** One step of shutdown, e.g. "stop taking updates" or "close Redis". */
export interface Closer {
  name: string;
  close(): Promise<void>;
}

export interface Shutdown {
  /** Adds a step. Steps run one after another in the order they were registered. */
  register(name: string, close: () => Promise<void>): void;
  /** True from the first signal on (readiness turns 503, intake stops). */
  isShuttingDown(): boolean;
  /**
   * Runs every step once (later calls return the same promise) and resolves with the exit code: 0 when every
   * step finished before the deadline, 1 when a step failed or the deadline passed.
   */
  run(reason: string): Promise<number>;
  /** SIGTERM and SIGINT start `run` and exit with its code; a second signal exits at once. */
  installSignalHandlers(): void;
}

export interface ShutdownOptions {
  log: Logger;
  /** Everything must be closed within this; default 10 s, under Docker's and Kubernetes' grace periods. */
  deadlineMs?: number;
  exit?: (code: number) => void;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15 };

/**
 * A registry of closers run in order on shutdown. Each step gets what is left of the deadline; a step that
 * fails is logged and the next one still runs, so that a Redis that is already gone does not keep the worker
 * from closing.
 */
export function createShutdown(opts: ShutdownOptions): Shutdown {
  const deadlineMs = opts.deadlineMs ?? 10_000;
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const closers: Closer[] = [];
  let running: Promise<number> | undefined;

  const runSteps = async (reason: string): Promise<number> => {
    const started = Date.now();
    opts.log.info({ reason, steps: closers.map((c) => c.name), deadlineMs }, 'shutting down');
    let failed = false;
    for (const closer of closers) {
      const left = deadlineMs - (Date.now() - started);
      const outcome = await settleWithin(closer.close(), left);
      if (outcome === 'timeout') {
        opts.log.error({ step: closer.name, deadlineMs }, 'shutdown step did not finish before the deadline');
        return 1;
      }
      if (outcome !== 'ok') {
        failed = true;
        opts.log.error({ step: closer.name, err: outcome.error }, 'shutdown step failed');
      } else {
        opts.log.info({ step: closer.name, ms: Date.now() - started }, 'shutdown step done');
      }
    }
    opts.log.info({ ms: Date.now() - started }, 'shut down');
    return failed ? 1 : 0;
  };

  const shutdown: Shutdown = {
    register: (name, close) => void closers.push({ name, close }),
    isShuttingDown: () => running !== undefined,
    run(reason) {
      running ??= runSteps(reason);
      return running;
    },
    installSignalHandlers() {
      const onSignal = (signal: NodeJS.Signals) => {
        if (running) {
          opts.log.warn({ signal }, 'second signal: exiting at once');
          exit(128 + (SIGNAL_NUMBERS[signal] ?? 0));
          return;
        }
        void shutdown.run(signal).then(exit);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    },
  };
  return shutdown;
}

async function settleWithin(work: Promise<void>, ms: number): Promise<'ok' | 'timeout' | { error: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, ms))),
  );
  try {
    return await Promise.race([work.then(() => 'ok' as const), timeout]);
  } catch (error) {
    return { error };
  } finally {
    clearTimeout(timer);
  }
}
