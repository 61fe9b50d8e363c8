/** A dependency did not answer in time. */
export class TimeoutError extends Error {
  readonly code = 'TIMEOUT';
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles like `work`, or rejects with a TimeoutError after `ms`. The work itself is not cancelled: use it
 * where a late answer is harmless (a Redis command that ioredis keeps queued while disconnected, say) and
 * waiting is not.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  // One promise and one timer (no race or finally chain): this wraps several Redis commands of every update.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
