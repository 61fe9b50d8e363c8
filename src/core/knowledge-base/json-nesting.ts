import { createScanner, SyntaxKind } from 'jsonc-parser';

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

/**
 * Offset of the first `[` or `{` of a JSON text that opens a level deeper than `maxDepth`, or -1. Reads tokens
 * one after another (jsonc-parser's scanner), so brackets inside strings do not count and any depth is measured
 * without recursion. A bracket closes a level only when it matches the innermost open one: the parser does the
 * same, so it never nests deeper in a text than this count says.
 */
export function findTooDeepBracket(text: string, maxDepth = MAX_JSON_DEPTH): number {
  const scanner = createScanner(text, true);
  const open: SyntaxKind[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (open.length === maxDepth) return scanner.getTokenOffset();
      open.push(token);
    } else if (
      (token === SyntaxKind.CloseBraceToken && open.at(-1) === SyntaxKind.OpenBraceToken) ||
      (token === SyntaxKind.CloseBracketToken && open.at(-1) === SyntaxKind.OpenBracketToken)
    ) {
      open.pop();
    }
  }
  return -1;
}
