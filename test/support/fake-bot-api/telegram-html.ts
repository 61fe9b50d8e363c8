/**
 * Telegram's HTML parse mode, as far as a test double needs it: the allowed tags, proper nesting, and the
 * entities Telegram decodes. https://core.telegram.org/bots/api#html-style
 *
 * Stricter than Telegram on one point on purpose: a bare `&` that starts no known entity is rejected (Telegram
 * keeps it as text). In this project every `&` in text goes through escapeHtml, so a bare one means a missed
 * escape, which is exactly what the tests should catch.
 */

const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'a',
  'code',
  'pre',
  'tg-spoiler',
  'span',
  'blockquote',
  'tg-emoji',
]);

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const END_TAG = /^<\/([a-zA-Z][\w-]*)\s*>/;
const START_TAG = /^<([a-zA-Z][\w-]*)((?:\s+[a-zA-Z][\w-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>/;
const ENTITY = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/;

/** Why Telegram would refuse the text; `message` reads like the part after "can't parse entities: ". */
export class TelegramHtmlError extends Error {
  readonly code = 'HTML_INVALID';
  constructor(
    reason: string,
    readonly byteOffset: number,
  ) {
    super(reason);
    this.name = 'TelegramHtmlError';
  }
}

/**
 * Parses Telegram HTML and returns the visible text (tags removed, entities decoded), whose length is what
 * Telegram's 4096-character limit counts. Throws TelegramHtmlError where Telegram answers "can't parse entities".
 */
export function parseTelegramHtml(html: string): string {
  const open: string[] = [];
  let visible = '';
  let i = 0;
  const offset = () => Buffer.byteLength(html.slice(0, i));
  while (i < html.length) {
    const rest = html.slice(i);
    const ch = html[i]!;
    if (ch === '<' && rest[1] === '/') {
      const end = END_TAG.exec(rest);
      if (!end) throw new TelegramHtmlError(`Unclosed end tag at byte offset ${offset()}`, offset());
      const name = end[1]!.toLowerCase();
      const expected = open.pop();
      if (expected !== name) {
        const wanted = expected ? `expected "</${expected}>", ` : '';
        throw new TelegramHtmlError(
          `Unmatched end tag at byte offset ${offset()}, ${wanted}found "</${name}>"`,
          offset(),
        );
      }
      i += end[0].length;
    } else if (ch === '<') {
      const start = START_TAG.exec(rest);
      const name = start?.[1]?.toLowerCase() ?? /^<([^\s>]*)/.exec(rest)?.[1] ?? '';
      if (
        !start ||
        !ALLOWED_TAGS.has(name) ||
        (name === 'span' && !/class\s*=\s*["']?tg-spoiler/.test(start[2]!))
      ) {
        throw new TelegramHtmlError(`Unsupported start tag "${name}" at byte offset ${offset()}`, offset());
      }
      open.push(name);
      i += start[0].length;
    } else if (ch === '&') {
      const entity = ENTITY.exec(rest);
      const decoded = entity ? decodeEntity(entity[1]!) : undefined;
      if (decoded === undefined) {
        throw new TelegramHtmlError(`Unsupported HTML entity at byte offset ${offset()}`, offset());
      }
      visible += decoded;
      i += entity![0].length;
    } else {
      visible += ch;
      i += 1;
    }
  }
  const unclosed = open.pop();
  if (unclosed) {
    throw new TelegramHtmlError(`Can't find end tag corresponding to start tag "${unclosed}"`, offset());
  }
  return visible;
}

function decodeEntity(body: string): string | undefined {
  if (!body.startsWith('#')) return NAMED_ENTITIES[body];
  const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
