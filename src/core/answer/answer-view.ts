import type { Entry } from '../knowledge-base/schema.js';
import type { Localized } from '../language/languages.js';
import type { SearchHit } from '../search/search.js';
import type { Decision } from './decide.js';
import { communitiesInNamedCity, type StructuredRequest } from './structured-request.js';

/** A reply composed from several entries' facts, shown instead of (or before) one entry's card. */
export type AnswerView =
  | { kind: 'list'; city: Localized<string>; entries: Entry[] }
  | { kind: 'compare'; entries: [Entry, Entry] }
  | { kind: 'contact'; entry: Entry };

/**
 * A compared entry must hold a distinctive word of the question (its field, its city): the two entries of a
 * comparison are the ones named, not two that share the word "community".
 */
const NAMED_STRENGTH = 0.6;

/** A question this short that names a city asks about the city ("und in Qingdao?", "青岛呢"). */
const CITY_ONLY_MAX_CHARS = 20;

function cityList(question: string, entries: readonly Entry[]): AnswerView | null {
  const named = communitiesInNamedCity(question, entries);
  return named && named.entries.length > 0 ? { kind: 'list', ...named } : null;
}

/**
 * The composed reply a structured request gets, when the facts allow one: the communities of the named city,
 * the two entries named in a comparison, or the entry whose contact details were asked for (the entry found,
 * or the one just answered when the question names none).
 */
export function composeView(
  request: StructuredRequest | null,
  question: string,
  decision: Decision,
  hits: readonly SearchHit[],
  context: { previous: Entry | null; entries: readonly Entry[] },
): AnswerView | null {
  if (request === 'list') return cityList(question, context.entries);
  if (request === 'compare') {
    const named = hits.filter((hit) => hit.evidence.strongest >= NAMED_STRENGTH).slice(0, 2);
    return named.length === 2 ? { kind: 'compare', entries: [named[0]!.entry, named[1]!.entry] } : null;
  }
  if (request === 'contact') {
    const named = hits.find((hit) => hit.evidence.strongest >= NAMED_STRENGTH)?.entry;
    const answered = decision.outcome === 'answered' || decision.outcome === 'likely';
    const entry = (answered ? decision.best!.entry : named) ?? context.previous;
    return entry ? { kind: 'contact', entry } : null;
  }
  // "und in Qingdao?" after an answer, or a city alone: the communities there.
  if (question.length <= CITY_ONLY_MAX_CHARS) return cityList(question, context.entries);
  return null;
}
