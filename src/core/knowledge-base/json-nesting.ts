/**
 * Deepest nesting of arrays and objects a knowledge base may have. An entry needs four levels (document,
 * entries, entry, a field's object or list); 64 leaves room for any sensible extension while keeping every
 * walk over the document (validation, comparison, the syntax-error finder) far from the call-stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when a parsed JSON value nests arrays and objects deeper than `maxDepth` (the value itself is level 1
 * when it is one). Iterative, so that any depth is measured without touching the call stack; it stops at the
 * first level too deep.
 */
export function nestsDeeperThan(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const pending: unknown[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const item = pending.pop();
    const depth = depths.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
