/**
 * Counts work in progress (updates being handled) so that shutdown can wait for it. `track` never changes the
 * outcome of the work it is given.
 */
export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  size(): number;
  /** Resolves true when nothing is in flight, or false when `timeoutMs` passes first. */
  drained(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return work;
    },
    size: () => pending.size,
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      // Loop: work may start while we wait (an update already accepted before intake stopped).
      while (pending.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), left)),
        );
        const result = await Promise.race([Promise.all([...pending]), timedOut]);
        clearTimeout(timer);
        if (result === 'timeout') return pending.size === 0;
      }
      return true;
    },
  };
}
