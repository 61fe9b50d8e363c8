/**
 * Escapes text for Telegram's HTML parse mode. Telegram knows only &lt; &gt; &amp; &quot; by name, so nothing
 * else is turned into an entity. The knowledge-base check measures answers by the same rule
 * (core/knowledge-base/escaped-length.ts); a test keeps the two equal.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}
