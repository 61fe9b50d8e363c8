import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapedHtmlLength } from '../../../src/core/knowledge-base/escaped-length.js';
import { escapeHtml } from '../../../src/i18n/escape-html.js';
import { userText } from '../../support/arbitraries.js';

describe('escapedHtmlLength', () => {
  it('is the length of the escaped text', () => {
    for (const text of ['', 'plain', 'a & b', '<b>"x"</b>', '&&&<<>>""', '激光 & <共同体>', '&amp;']) {
      expect(escapedHtmlLength(text)).toBe(escapeHtml(text).length);
    }
  });

  it('agrees with escapeHtml on any text a user or an admin may write', () => {
    fc.assert(
      fc.property(userText(300), (text) => {
        expect(escapedHtmlLength(text)).toBe(escapeHtml(text).length);
      }),
    );
  });
});
