import { describe, expect, it } from 'vitest';
import {
  capHtml,
  link,
  MAX_MESSAGE_CHARS,
  shorten,
  splitText,
  visibleLength,
} from '../../../src/app/render/html.js';
import { parseTelegramHtml } from '../../support/fake-bot-api.js';

describe('capHtml', () => {
  it('leaves HTML within the limit untouched', () => {
    const html = '<b>Title</b>\nText &amp; more';
    expect(capHtml(html)).toBe(html);
  });

  it('cuts long HTML under the limit and keeps it valid for Telegram', () => {
    const paragraph = '<b>Laser</b> &amp; <i>optics</i> in <a href="https://x.org/?a=1&amp;b=2">Jinan</a>. ';
    const html = paragraph.repeat(200);
    const capped = capHtml(html);
    expect(parseTelegramHtml(capped).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(parseTelegramHtml(capped).length).toBeGreaterThan(MAX_MESSAGE_CHARS - 40);
    expect(capped.endsWith('…') || /…(<\/\w+>)+$/.test(capped)).toBe(true);
    expect(() => parseTelegramHtml(capped)).not.toThrow();
  });

  it('never cuts inside a tag or an entity, at any limit', () => {
    const html =
      '<b>bold &amp; <i>italic &lt;x&gt;</i></b> tail <a href="https://example.org/a?b=c&amp;d=e">link text</a> 😀😀';
    for (let limit = 12; limit < html.length; limit++) {
      const capped = capHtml(html, limit);
      expect(() => parseTelegramHtml(capped), `limit ${limit}: ${capped}`).not.toThrow();
      expect(parseTelegramHtml(capped).length, `limit ${limit}: ${capped}`).toBeLessThanOrEqual(limit);
      expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('closes tags left open by the cut', () => {
    expect(capHtml(`<b>${'x'.repeat(50)}</b>`, 20)).toBe(`<b>${'x'.repeat(19)}…</b>`);
  });

  it('counts what Telegram counts: visible characters, not the escaped source', () => {
    const html = `<blockquote>${'&lt;&amp;'.repeat(2000)}</blockquote>`;
    expect(visibleLength(html)).toBe(4000);
    expect(capHtml(html)).toBe(html);
    expect(visibleLength('&#128512;😀<b>x</b>')).toBe(5);
  });
});

describe('splitText', () => {
  it('splits at white space near the limit, never inside a surrogate pair, and loses nothing', () => {
    const words = 'alpha beta gamma delta '.repeat(20);
    const [first, rest] = splitText(words, 100);
    expect(first.length).toBeLessThanOrEqual(100);
    expect(first.endsWith(' ')).toBe(true);
    expect(first + rest).toBe(words);
    const emoji = '😀'.repeat(10);
    const [a, b] = splitText(emoji, 5);
    expect([a, b]).toEqual(['😀😀', '😀'.repeat(8)]);
    expect(splitText('short', 10)).toEqual(['short', '']);
  });
});

describe('link and shorten', () => {
  it('escapes the address and the text, and drops non-web schemes', () => {
    expect(link('https://a.org/?q="x"&y', 'A & B')).toBe(
      '<a href="https://a.org/?q=&quot;x&quot;&amp;y">A &amp; B</a>',
    );
    expect(link('javascript:alert(1)', '<click>')).toBe('&lt;click&gt;');
  });

  it('shortens labels by characters, not UTF-16 units', () => {
    expect(shorten('激光装备创新创业共同体', 5)).toBe('激光装备…');
    expect(shorten('short', 10)).toBe('short');
  });
});
