import type { Language } from '../language/languages.js';
import type { GapCount, GapKind } from './gap.js';

/** One stored counter: how often a normalised question came up in one language, of one kind. */
export interface GapTally {
  normalized: string;
  lang: Language;
  kind: GapKind;
  count: number;
  /** The phrasing kept with the counter, when one was. */
  example?: string;
}

/**
 * Sums tallies (from several days, say) by normalised text and language and returns the `limit` most frequent,
 * ties broken by text so that the order is stable. The example is the first one met.
 */
export function rankGaps(tallies: Iterable<GapTally>, limit: number): GapCount[] {
  const byKey = new Map<string, GapCount>();
  for (const tally of tallies) {
    const key = `${tally.lang}\u0000${tally.normalized}`;
    let gap = byKey.get(key);
    if (!gap) {
      gap = {
        normalized: tally.normalized,
        lang: tally.lang,
        example: '',
        unanswered: 0,
        tickets: 0,
        total: 0,
      };
      byKey.set(key, gap);
    }
    if (tally.kind === 'ticket') gap.tickets += tally.count;
    else gap.unanswered += tally.count;
    gap.total += tally.count;
    if (gap.example === '' && tally.example) gap.example = tally.example;
  }
  const gaps = [...byKey.values()].filter((gap) => gap.total > 0);
  for (const gap of gaps) if (gap.example === '') gap.example = gap.normalized;
  gaps.sort(
    (a, b) =>
      b.total - a.total ||
      b.tickets - a.tickets ||
      a.normalized.localeCompare(b.normalized) ||
      a.lang.localeCompare(b.lang),
  );
  return gaps.slice(0, Math.max(0, limit));
}
