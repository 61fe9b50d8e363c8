/**
 * Escapes text for Telegram's HTML parse mode. Telegram knows only &lt; &gt; &amp; &quot; by name, so nothing
 * else is turned into an entity.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}

/**
 * `escapeHtml(text).length`, without building the escaped text: validating a large knowledge base measures every
 * answer this way. Keep it in step with escapeHtml.
 */
export function escapedHtmlLength(text: string): number {
  return (
    text.length +
    4 * occurrences(text, '&') +
    3 * (occurrences(text, '<') + occurrences(text, '>')) +
    5 * occurrences(text, '"')
  );
}

/** How often a character occurs (indexOf scans fast, and the characters are rare in answers). */
function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}
