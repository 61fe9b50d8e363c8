import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile } from '../../../src/core/knowledge-base/load.js';
import type { KnowledgeSnapshot } from '../../../src/core/knowledge-base/snapshot.js';
import { LANGUAGES } from '../../../src/core/language/languages.js';
import { buildSearchIndex, type SearchIndex } from '../../../src/core/search/search-index.js';
import { searchEntries } from '../../../src/core/search/search.js';
import { projectRoot } from '../../../src/project-root.js';
import { languageCode, userText } from '../../support/arbitraries.js';

let snapshot: KnowledgeSnapshot;
let index: SearchIndex;

beforeAll(async () => {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
  if (!loaded.ok) throw new Error('the shipped knowledge base is invalid');
  snapshot = buildSnapshot(loaded.kb, { defaultLanguage: 'en' });
  index = buildSearchIndex(loaded.kb.entries);
});

/** Questions as people type them, and worse; a few long pastes among them. */
const question = fc.oneof({ weight: 9, arbitrary: userText(300) }, { weight: 1, arbitrary: userText(3000) });

describe('answering, for any question (the public entry points of search and answer)', () => {
  it('snapshot.answer never throws and gives a well-formed result in one of the four languages', () => {
    fc.assert(
      fc.property(
        question,
        fc.option(fc.constantFrom(...LANGUAGES)),
        fc.option(languageCode),
        (text, chosenLanguage, clientLanguageCode) => {
          const result = snapshot.answer(text, { chosenLanguage, clientLanguageCode });
          expect(['answered', 'likely', 'suggested', 'unknown']).toContain(result.outcome);
          expect(LANGUAGES).toContain(result.lang);
          expect(result.entry !== null).toBe(result.outcome === 'answered' || result.outcome === 'likely');
          expect(result.confidence).toBeGreaterThanOrEqual(0);
          expect(result.confidence).toBeLessThanOrEqual(1);
          expect(result.suggestions.length).toBeLessThanOrEqual(3);
          if (chosenLanguage) expect(result.lang).toBe(chosenLanguage);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('searchEntries never throws and ranks real entries, best first', () => {
    fc.assert(
      fc.property(question, (text) => {
        const { hits } = searchEntries(index, text);
        for (const hit of hits) expect(snapshot.byId(hit.entry.id)).toBeDefined();
        for (let i = 1; i < hits.length; i++)
          expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      }),
      { numRuns: 400 },
    );
  });
});
