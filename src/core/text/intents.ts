/**
 * Question intents: interrogative phrases that are stopwords for coverage but still tell entries apart ("how
 * many communities are there" is about batches and counts, not about any one community). Each intent has one
 * language-neutral marker, so "wie viele" in a German question meets "how many" in English material.
 */

export const INTENTS = ['quantity', 'who', 'where', 'when', 'how'] as const;
export type Intent = (typeof INTENTS)[number];

interface IntentPattern {
  intent: Intent;
  /** Tested on normalizeText output (lower case, accents kept). */
  latin: RegExp;
  /** Tested on the raw Han runs. */
  han: RegExp | null;
}

const PATTERNS: readonly IntentPattern[] = [
  {
    intent: 'quantity',
    latin: /\b(how (many|much)|number of|wie ?viele?|anzahl|combien|nombre d[e'])\b/,
    han: /多少|几个|几家|几批|数量/,
  },
  { intent: 'who', latin: /\b(who|wer)\b|^qui\b|\bqui (est|sont|dirige|gère|mène|pilote)\b/, han: /谁/ },
  { intent: 'where', latin: /\b(where|wo)\b|où/, han: /哪里|哪儿|在哪|什么地方|何处/ },
  {
    intent: 'when',
    latin: /\b(when|wann|quand|what year|welchem jahr|quelle année)\b/,
    han: /什么时候|啥时候|何时|哪一?年/,
  },
  {
    intent: 'how',
    latin:
      /\b(how (can|do|does|to|is|are|should|would|could)|wie (kann|können|wird|werden|funktioniert|bekomm\w*)|comment)\b/,
    han: /怎么|如何|怎样|咋/,
  },
];

/** A cheap first look: every intent pattern needs one of these; most keywords and aliases have none. */
const MAY_HOLD_INTENT =
  /how|number|wie|anzahl|combien|nombre|wh|wer|qui|wo|où|wann|quand|welche|quelle|comment|[多几数谁哪何什怎如咋啥]/i;

/** False when the text (any case) certainly expresses no intent; true means "look closer". */
export function mayHoldIntent(text: string): boolean {
  return MAY_HOLD_INTENT.test(text);
}

/** The intents a question or example question expresses, each at most once. */
export function detectIntents(normalized: string): Intent[] {
  if (!mayHoldIntent(normalized)) return [];
  const han = normalized.match(/\p{Script=Han}+/gu)?.join(' ') ?? '';
  return PATTERNS.filter((p) => p.latin.test(normalized) || (p.han !== null && p.han.test(han))).map(
    (p) => p.intent,
  );
}
