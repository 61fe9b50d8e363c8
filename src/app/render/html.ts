import { escapeHtml } from '../../i18n/escape-html.js';

/**
 * The most HTML source a message may hold. Telegram counts 4096 characters of visible text; capping the source
 * (which is never shorter) lower still leaves room for the closing tags and the ellipsis.
 */
export const MAX_MESSAGE_HTML = 4000;

const ELLIPSIS = '…';
/** A tag, an entity, or one code point (never half of a surrogate pair). */
const TOKEN = /<\/?([a-zA-Z][\w-]*)[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;

/**
 * Shortens HTML to at most `limit` characters, cutting only between tags, entities and characters, then adds
 * an ellipsis and closes every tag left open, so that the result is still valid for Telegram's HTML parse mode.
 * HTML within the limit is returned unchanged.
 */
export function capHtml(html: string, limit = MAX_MESSAGE_HTML): string {
  if (html.length <= limit) return html;
  const open: string[] = [];
  const closers = () => open.reduce((length, name) => length + name.length + 3, 0);
  let out = '';
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    const tagName = match[1]?.toLowerCase();
    if (tagName !== undefined && token.startsWith('</')) {
      // Its cost was reserved when the tag opened.
      out += token;
      open.pop();
      continue;
    }
    const extraCloser = tagName !== undefined ? tagName.length + 3 : 0;
    if (out.length + token.length + closers() + extraCloser + ELLIPSIS.length > limit) break;
    out += token;
    if (tagName !== undefined) open.push(tagName);
  }
  return (
    out.trimEnd() +
    ELLIPSIS +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}

/** A bold line of escaped text. */
export const bold = (text: string): string => `<b>${escapeHtml(text)}</b>`;

/** A link when the address is http(s); the escaped text alone otherwise (Telegram refuses other schemes). */
export function link(url: string, text: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}

/** Shortens plain text (a button label) to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + ELLIPSIS;
}
