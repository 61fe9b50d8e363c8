import { sameStrings } from '../knowledge-base/diff.js';
import type { Entry } from '../knowledge-base/schema.js';
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

/**
 * True when two entries have the same searchable strings, so that their index keys are the same: what entryMaterial
 * reads, compared as it is (a reload parses every string anew, so this compares text, not references).
 */
export function sameMaterial(a: Entry, b: Entry): boolean {
  if (a === b) return true;
  for (const lang of LANGUAGES) {
    const x = a.search[lang];
    const y = b.search[lang];
    if (a.title[lang] !== b.title[lang]) return false;
    if (!sameStrings(x?.aliases, y?.aliases) || !sameStrings(x?.keywords, y?.keywords)) return false;
    if (!sameStrings(x?.questions, y?.questions)) return false;
    if (a.facts?.city?.[lang] !== b.facts?.city?.[lang]) return false;
    if (a.facts?.leadOrganisation?.[lang] !== b.facts?.leadOrganisation?.[lang]) return false;
  }
  return true;
}

/**
 * For each entry, the position of the previous version's entry with the same id and material, or -1. Entries
 * whose ids are not in `changedIds`, when given, are known to have the same content and are not compared again.
 */
export function previousDocuments(
  entries: readonly Entry[],
  previous: readonly Entry[],
  changedIds: ReadonlySet<string> | undefined,
): Int32Array {
  const sources = new Int32Array(entries.length).fill(-1);
  let byId: Map<string, number> | null = null;
  entries.forEach((entry, doc) => {
    // Entries usually stay where they were; look the id up only when this one moved.
    let at: number | undefined = previous[doc]?.id === entry.id ? doc : undefined;
    if (at === undefined) {
      byId ??= new Map(previous.map((e, i) => [e.id, i]));
      at = byId.get(entry.id);
    }
    if (at === undefined) return;
    if ((changedIds && !changedIds.has(entry.id)) || sameMaterial(previous[at]!, entry)) sources[doc] = at;
  });
  return sources;
}
