import type { Entry } from '../knowledge-base/types.js';
import { LANGUAGES } from '../language/languages.js';

/** The short fields of an entry that are searched. Answers are never indexed: long text is slow and noisy. */
export type MaterialField = 'title' | 'alias' | 'keyword' | 'fact' | 'question';

/**
 * How much a hit in each field counts. A title or alias names the entry; keywords were chosen for it; facts
 * (city, lead organisation) identify it; example questions also carry incidental words, so they count least.
 */
export const FIELD_WEIGHTS: Readonly<Record<MaterialField, number>> = {
  title: 1,
  alias: 1,
  keyword: 0.9,
  fact: 0.85,
  question: 0.8,
};

/** The strings of one field, in all four languages. */
export interface MaterialGroup {
  field: MaterialField;
  texts: string[];
}

const NOT_BLANK = /\S/;

/**
 * Every searchable string of an entry, grouped by field (all languages together, because a field weighs the
 * same in every language; fewer, longer texts make indexing faster). Blank strings are left out.
 */
export function entryMaterial(entry: Entry): MaterialGroup[] {
  const texts: Record<MaterialField, string[]> = {
    title: [],
    alias: [],
    keyword: [],
    question: [],
    fact: [],
  };
  const push = (field: MaterialField, values: readonly (string | undefined)[] | undefined): void => {
    for (const text of values ?? [])
      if (typeof text === 'string' && NOT_BLANK.test(text)) texts[field].push(text);
  };
  for (const lang of LANGUAGES) {
    const search = entry.search[lang];
    push('title', [entry.title[lang]]);
    push('alias', search?.aliases);
    push('keyword', search?.keywords);
    push('question', search?.questions);
    push('fact', [entry.facts?.city?.[lang], entry.facts?.leadOrganisation?.[lang]]);
  }
  return MATERIAL_FIELDS.filter((field) => texts[field].length > 0).map((field) => ({
    field,
    texts: texts[field],
  }));
}

const MATERIAL_FIELDS: readonly MaterialField[] = ['title', 'alias', 'keyword', 'question', 'fact'];
