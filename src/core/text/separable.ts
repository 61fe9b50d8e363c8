import { foldForMatching } from './normalize.js';

/**
 * German separable verbs put their particle at the end of the clause: "wie trete ich bei" is "beitreten", "wo
 * nehme ich teil" is "teilnehmen". The particle alone is a stopword ("bei") or says nothing, and the verb alone
 * ("trete") is not what the knowledge base says; the search joins the two (see query-plan.ts).
 */
const PARTICLES: ReadonlySet<string> = new Set([
  'ab',
  'an',
  'auf',
  'aus',
  'bei',
  'ein',
  'mit',
  'nach',
  'vor',
  'zu',
  'zuruck',
  'teil',
  'fest',
  'vorbei',
]);

const LAST_WORD = /([a-z]+)[^a-z]*$/;

/** The separable-verb particle that ends the text (folded), or null. */
export function trailingParticle(text: string): string | null {
  const last = LAST_WORD.exec(foldForMatching(text.slice(-40)))?.[1];
  return last !== undefined && PARTICLES.has(last) ? last : null;
}
