/** `1 error`, `2 errors`: the command-line tools speak English only. */
export const errorCount = (count: number): string => `${count} ${count === 1 ? 'error' : 'errors'}`;
