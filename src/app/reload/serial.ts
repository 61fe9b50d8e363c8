/** Runs tasks one at a time, in the order they were handed in. */
export interface Serial {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A promise-chain lock: a task starts only when the previous one has settled (fulfilled or rejected), so two
 * reloads never interleave their read, swap and file writes.
 */
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
