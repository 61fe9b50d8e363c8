import { describe, expect, it } from 'vitest';
import { capHtml, link, MAX_MESSAGE_HTML, shorten } from '../../../src/app/render/html.js';
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
    expect(capped.length).toBeLessThanOrEqual(MAX_MESSAGE_HTML);
    expect(capped.endsWith('…') || /…(<\/\w+>)+$/.test(capped)).toBe(true);
    expect(() => parseTelegramHtml(capped)).not.toThrow();
  });

  it('never cuts inside a tag or an entity, at any limit', () => {
    const html =
      '<b>bold &amp; <i>italic &lt;x&gt;</i></b> tail <a href="https://example.org/a?b=c&amp;d=e">link text</a> 😀😀';
    for (let limit = 12; limit < html.length; limit++) {
      const capped = capHtml(html, limit);
      expect(capped.length, `limit ${limit}: ${capped}`).toBeLessThanOrEqual(limit);
      expect(() => parseTelegramHtml(capped), `limit ${limit}: ${capped}`).not.toThrow();
      expect(capped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('closes tags left open by the cut', () => {
    expect(capHtml(`<b>${'x'.repeat(50)}</b>`, 20)).toBe(`<b>${'x'.repeat(12)}…</b>`);
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
