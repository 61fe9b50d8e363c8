import { escapeHtml } from '../../i18n/escape-html.js';

/**
 * Telegram's limit for a message: 4096 characters of text after entity parsing, counted as JavaScript counts
 * (UTF-16 units: an emoji is two). Tags count nothing and `&amp;` counts one, so the limit is on what is seen.
 */
export const MAX_MESSAGE_CHARS = 4096;

const ELLIPSIS = '…';
/** A tag, an entity, or one code point (never half of a surrogate pair). */
const TOKEN = /<\/?([a-zA-Z][\w-]*)[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\s\S]/gu;

/** What one token adds to the visible text: nothing for a tag, one character (two above U+FFFF) otherwise. */
function visibleCost(token: string, isTag: boolean): number {
  if (isTag) return 0;
  if (token.length === 1 || token[0] !== '&') return token.length;
  if (token[1] !== '#') return 1;
  const code = token[2] === 'x' ? parseInt(token.slice(3), 16) : parseInt(token.slice(2), 10);
  return code > 0xffff ? 2 : 1;
}

/** The length Telegram counts for HTML: its text with the tags removed and the entities decoded. */
export function visibleLength(html: string): number {
  let length = 0;
  for (const match of html.matchAll(TOKEN)) length += visibleCost(match[0], match[1] !== undefined);
  return length;
}

/**
 * Shortens HTML to at most `limit` visible characters (see MAX_MESSAGE_CHARS), cutting only between tags,
 * entities and characters, then adds an ellipsis and closes every tag left open, so that the result is still
 * valid for Telegram's HTML parse mode. HTML within the limit is returned unchanged.
 */
export function capHtml(html: string, limit = MAX_MESSAGE_CHARS): string {
  // The source is never shorter than its visible text: most messages need no counting at all.
  if (html.length <= limit || visibleLength(html) <= limit) return html;
  const open: string[] = [];
  let out = '';
  let visible = 0;
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    const tagName = match[1]?.toLowerCase();
    if (tagName !== undefined) {
      out += token;
      if (token.startsWith('</')) open.pop();
      else open.push(tagName);
      continue;
    }
    const cost = visibleCost(token, false);
    if (visible + cost + ELLIPSIS.length > limit) break;
    out += token;
    visible += cost;
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

/**
 * Splits plain text so that the first part holds at most `room` UTF-16 units: at the last white space of the
 * final hundred characters when there is one, never inside a surrogate pair. The parts joined are the text.
 */
export function splitText(text: string, room: number): [string, string] {
  if (text.length <= room) return [text, ''];
  let end = Math.max(0, room);
  if (end > 0 && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end--;
  const space = text.slice(Math.max(0, end - 100), end).search(/\s\S*$/);
  if (space !== -1) end = Math.max(0, end - 100) + space + 1;
  return [text.slice(0, end), text.slice(end)];
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
