import { describe, expect, it } from 'vitest';
import type { BoundTranslate } from '../../../src/app/feature.js';
import { renderReloadResult } from '../../../src/app/reload/render-reload.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { LANGUAGES } from '../../../src/core/language/languages.js';

const translate = createTranslator();
const tIn =
  (lang: (typeof LANGUAGES)[number]): BoundTranslate =>
  (key, vars) =>
    translate(lang, key, vars);
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `generated-entry-${String(i).padStart(6, '0')}`);

describe('renderReloadResult', () => {
  it.each(LANGUAGES)('keeps a reload of 10,000 new entries well under 4096 characters (%s)', (lang) => {
    const html = renderReloadResult(
      tIn(lang),
      {
        kind: 'done',
        local: {
          status: 'reloaded',
          version: 'v2',
          previousVersion: 'v1',
          entries: 10_000,
          perLanguage: { en: 10_000, zh: 10_000, de: 10_000, fr: 10_000 },
          diff: { added: ids(10_000), removed: ids(3_000), changed: ids(5_000) },
          ms: 800,
          backupPath: '/srv/desk/data/knowledge-base.json.bak',
        },
        others: [{ requestId: 'r', instanceId: 'host-b-1', status: 'reloaded', version: 'v2', ms: 700 }],
        silent: ['host-c-1'],
        broadcast: 'sent',
      },
      3_000,
    );
    expect(html.length).toBeLessThan(4096);
    expect(html).toContain(translate(lang, 'admin:ids_more', { ids: ids(25).join(', '), count: 9_975 }));
    expect(html).toContain(translate(lang, 'admin:instance_silent', { id: 'host-c-1', seconds: 3 }));
    // The backup by its file name: the server's folders are none of the reader's business.
    expect(html).toContain(translate(lang, 'admin:backup', { file: 'knowledge-base.json.bak' }));
    expect(html).not.toContain('/srv/desk');
  });

  it('lists 20 errors, escaped and cut to a line each, and counts the rest', () => {
    const error = { entryId: 'x', field: 'answer.en', message: `is <wrong> ${'a'.repeat(400)}` };
    const html = renderReloadResult(
      tIn('en'),
      { kind: 'refused', errors: Array.from({ length: 20 }, () => error), totalErrors: 57, version: 'v1' },
      3_000,
    );
    expect(html.length).toBeLessThan(4096);
    expect(html).toContain('• entry x: answer.en: is &lt;wrong&gt; aaa');
    expect(html).not.toContain('<wrong>');
    expect(html.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(20);
    expect(html).toContain(translate('en', 'admin:refused_more', { count: 37 }));
  });
});
