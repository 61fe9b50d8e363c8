/**
 * The length `text` has once escaped for Telegram's HTML parse mode (& < > " become &amp; &lt; &gt; &quot;, as
 * the app's escapeHtml does), without building the escaped text: validating a large knowledge base measures
 * every answer this way, against Telegram's message limit.
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
