import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../src/core/language/languages.js';
import { errorLines } from './fixtures.js';

describe('validateKnowledgeBase', () => {
  it('checks kind and element against their lists', () => {
    expect(
      errorLines((kb) => {
        kb.entries[0].kind = 'program';
        kb.entries[0].facts.element = 'money';
      }),
    ).toEqual([
      'entry laser-equipment: kind: must be one of community, programme, policy, organisation, faq, got "program"',
      'entry laser-equipment: facts.element: must be one of government, industry, academia, research, finance, services, application, got "money"',
    ]);
  });

  describe('languages', () => {
    for (const field of ['title', 'answer', 'search']) {
      for (const language of LANGUAGES) {
        it(`reports ${field}.${language} missing`, () => {
          expect(errorLines((kb) => delete kb.entries[1][field][language])).toEqual([
            `entry community-system: ${field}.${language}: is missing`,
          ]);
        });
      }
    }

    it('reports a language that is not one of the four', () => {
      expect(errorLines((kb) => (kb.entries[1].title.es = 'Sistema'))).toEqual([
        'entry community-system: title.es: is not one of the languages en, zh, de, fr',
      ]);
    });

    it('reports empty titles and answers', () => {
      expect(
        errorLines((kb) => {
          kb.entries[0].title.zh = '';
          kb.entries[0].answer.de = ' \n ';
        }),
      ).toEqual(['entry laser-equipment: title.zh: is empty', 'entry laser-equipment: answer.de: is empty']);
    });
  });

  describe('answer length', () => {
    it('accepts an answer of exactly 3000 characters after escaping', () => {
      // Each & becomes &amp; (5 characters): 600 of them are exactly at the limit.
      expect(errorLines((kb) => (kb.entries[0].answer.en = '&'.repeat(600)))).toEqual([]);
    });

    it('refuses an answer longer than 3000 characters after escaping', () => {
      expect(errorLines((kb) => (kb.entries[0].answer.en = '&'.repeat(601)))).toEqual([
        'entry laser-equipment: answer.en: is too long for Telegram: 3005 characters after HTML escaping, at most 3000',
      ]);
      expect(errorLines((kb) => (kb.entries[0].answer.fr = 'x'.repeat(3001)))).toEqual([
        'entry laser-equipment: answer.fr: is too long for Telegram: 3001 characters after HTML escaping, at most 3000',
      ]);
    });
  });

  describe('sources', () => {
    it('requires at least one source', () => {
      expect(errorLines((kb) => delete kb.entries[0].sources)).toEqual([
        'entry laser-equipment: sources: is missing',
      ]);
      expect(errorLines((kb) => (kb.entries[0].sources = []))).toEqual([
        'entry laser-equipment: sources: must list at least one source',
      ]);
    });

    it('requires http(s) urls', () => {
      expect(
        errorLines((kb) => {
          kb.entries[0].sources = [
            { url: 'ftp://example.org/a' },
            { url: 'example.org' },
            {},
            { url: 'https://a b.org' },
          ];
        }),
      ).toEqual([
        'entry laser-equipment: sources[0].url: must be an http:// or https:// address, got "ftp://example.org/a"',
        'entry laser-equipment: sources[1].url: must be an http:// or https:// address, got "example.org"',
        'entry laser-equipment: sources[2].url: is missing',
        'entry laser-equipment: sources[3].url: must be an http:// or https:// address, got "https://a b.org"',
      ]);
    });

    it('requires real dates written YYYY-MM-DD or YYYY-MM', () => {
      expect(
        errorLines((kb) => {
          kb.entries[0].sources[0].date = '2021-02-29';
          kb.entries[0].sources.push({ url: 'https://example.org', date: '2021/05/01' });
          kb.entries[0].sources.push({ url: 'https://example.org', date: '2021-13' });
          kb.entries[0].facts.memberCount.asOf = 'May 2021';
        }),
      ).toEqual([
        'entry laser-equipment: facts.memberCount.asOf: must be a real date written YYYY-MM-DD or YYYY-MM, got "May 2021"',
        'entry laser-equipment: sources[0].date: must be a real date written YYYY-MM-DD or YYYY-MM, got "2021-02-29"',
        'entry laser-equipment: sources[1].date: must be a real date written YYYY-MM-DD or YYYY-MM, got "2021/05/01"',
        'entry laser-equipment: sources[2].date: must be a real date written YYYY-MM-DD or YYYY-MM, got "2021-13"',
      ]);
    });
  });

  describe('search material', () => {
    it('requires arrays of non-empty strings', () => {
      expect(
        errorLines((kb) => {
          kb.entries[0].search.de.aliases = 'Laser';
          kb.entries[0].search.de.keywords = ['Laser', '', 7];
          delete kb.entries[0].search.fr.questions;
        }),
      ).toEqual([
        'entry laser-equipment: search.de.aliases: must be an array of strings, got a string',
        'entry laser-equipment: search.de.keywords[1]: is empty',
        'entry laser-equipment: search.de.keywords[2]: must be a string, got a number',
        'entry laser-equipment: search.fr.questions: is missing',
      ]);
    });

    it('refuses a language with nothing to search', () => {
      expect(errorLines((kb) => (kb.entries[2].search.zh.keywords = []))).toEqual([
        'entry funding: search.zh: has no aliases, questions or keywords, so nobody can find the entry in this language',
      ]);
    });
  });

  it('checks facts', () => {
    expect(
      errorLines((kb) => {
        kb.entries[0].facts.batch = 0;
        kb.entries[0].facts.city.de = '';
        kb.entries[0].facts.memberCount.count = -1;
        kb.entries[0].facts.lead = 'SDITR';
      }),
    ).toEqual([
      'entry laser-equipment: facts.city.de: is empty',
      'entry laser-equipment: facts.batch: must be a whole number from 1, got 0',
      'entry laser-equipment: facts.memberCount.count: must be a whole number from 0, got -1',
      'entry laser-equipment: facts.lead: is not a known field (expected: leadOrganisation, city, batch, element, memberCount)',
    ]);
  });

  it('reports unknown entry fields, so that a typo is not ignored', () => {
    expect(
      errorLines((kb) => {
        kb.entries[2].relatd = kb.entries[2].related;
        delete kb.entries[2].related;
      }),
    ).toEqual([
      'entry funding: related: is missing',
      'entry funding: relatd: is not a known field (expected: id, kind, title, answer, search, facts, sources, related)',
    ]);
  });
});
