import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeskResponse } from '../../../src/app/feature.js';
import { capResponse } from '../../../src/app/render/cap-response.js';
import { capHtml, link, MAX_MESSAGE_CHARS, visibleLength } from '../../../src/app/render/html.js';
import { escapeHtml } from '../../../src/i18n/escape-html.js';
import { parseTelegramHtml } from '../../support/fake-bot-api.js';
import { userText } from '../../support/arbitraries.js';

const TAGS = ['b', 'i', 'u', 's', 'code', 'blockquote'];
const escaped = userText(60).map(escapeHtml);
const url = fc.oneof(fc.webUrl(), userText(30));

/** Telegram HTML as the renderers build it: escaped text inside nested allowed tags and links. */
const html: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    escaped,
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(tie('node'), { maxLength: 4 }))
      .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
    fc.tuple(url, userText(20)).map(([href, text]) => link(href, text)),
  ),
})).node;
/** Messages up to several times Telegram's limit, some of them long runs of entities. */
const longHtml = fc.oneof(
  fc.array(html, { maxLength: 25 }).map((parts) => parts.join('\n')),
  fc.tuple(fc.nat(3000), escaped).map(([n, tail]) => `<b>${'&lt;&amp;'.repeat(n)}</b>${tail}`),
);

/** Telegram would take it: allowed tags, balanced, entities escaped, within `limit` visible characters. */
function expectValidTelegramHtml(text: string, limit = MAX_MESSAGE_CHARS): void {
  const visible = parseTelegramHtml(text);
  expect(visible.length).toBeLessThanOrEqual(limit);
}

describe('HTML rendering, for any text', () => {
  it('escapeHtml gives text Telegram shows exactly as written', () => {
    fc.assert(
      fc.property(userText(300), (text) => {
        expect(parseTelegramHtml(escapeHtml(text))).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('capHtml keeps valid HTML valid, within the limit, unchanged when it fits, the cut a prefix', () => {
    fc.assert(
      fc.property(longHtml, fc.integer({ min: 1, max: 5000 }), (source, limit) => {
        const capped = capHtml(source, limit);
        expectValidTelegramHtml(capped, limit);
        if (visibleLength(source) <= limit) expect(capped).toBe(source);
        else expect(parseTelegramHtml(source).startsWith(parseTelegramHtml(capped).slice(0, -1))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('capResponse lets out only what Telegram takes: messages, captions and toasts within their limits', () => {
    const message = fc.record({ html: longHtml });
    const response: fc.Arbitrary<DeskResponse> = fc.record(
      {
        replies: fc.array(message, { maxLength: 2 }),
        send: fc.array(message, { maxLength: 2 }),
        edit: message,
        deliveries: fc.array(fc.record({ chatId: fc.integer(), message }), { maxLength: 2 }),
        documents: fc.array(
          fc.record({ fileName: fc.constant('x.json'), content: fc.string(), caption: longHtml }),
        ),
        toast: fc.record({ text: userText(600) }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(response, (r) => {
        const capped = capResponse(r);
        const messages = [
          ...(capped.replies ?? []),
          ...(capped.send ?? []),
          ...(capped.edit ? [capped.edit] : []),
          ...(capped.deliveries ?? []).map((d) => d.message),
        ];
        for (const m of messages) expectValidTelegramHtml(m.html);
        for (const d of capped.documents ?? []) expectValidTelegramHtml(d.caption ?? '', 1024);
        if (capped.toast) expect([...capped.toast.text].length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 60 },
    );
  });
});
