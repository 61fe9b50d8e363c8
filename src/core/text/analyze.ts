import { cutStopPhrases } from './han.js';
import { detectIntents, type Intent } from './intents.js';
import { foldForMatching, normalizeText } from './normalize.js';
import { scanText, type ScanSink } from './scan.js';
import { lightStem } from './stem.js';
import { isStopword } from './stopwords.js';

/** What the search needs to know about a piece of text (a question, or one alias or keyword of an entry). */
export interface TextAnalysis {
  /** Latin-script and number terms that carry meaning: folded, stemmed, stopwords removed, each once, in order. */
  terms: string[];
  /** Han runs with function phrases cut out, each non-empty, in order. */
  hanSegments: string[];
  /** Interrogative intents ("how many", "wer", "哪里"), which are not terms but tell questions apart. */
  intents: Intent[];
}

/** Receives the searchable units of a text in order, for callers that do not need them collected. */
export interface TextVisitor {
  term(term: string): void;
  hanSegment(segment: string): void;
}

/**
 * Walks the searchable units of a text without collecting them. Full-width
 * characters, case and punctuation are normalised, accents folded, stopwords dropped, words stemmed; Chinese
 * runs are cut at function phrases; "1+30+N体系" gives the term "1+30+n" and the segment 体系. French
 * elisions need no rule: the apostrophe separates, and l, d, qu ... are stopwords. A term may come twice.
 */
export function visitText(text: string, visitor: TextVisitor): void {
  scanText(matchingForm(text), new UnitSink(visitor));
}

/** The folded text the tokenizer reads; also what a quick substring test must look at. */
export function matchingForm(text: string): string {
  const folded = foldForMatching(text);
  // "1 + 30 + N" is typed too; it must give the same term as "1+30+N".
  return folded.includes('+') ? folded.replace(/\s*\+\s*/g, '+') : folded;
}

/** Turns scanned words into terms and Han runs into segments for a visitor. */
class UnitSink implements ScanSink {
  constructor(private readonly visitor: TextVisitor) {}

  word(word: string): void {
    const term = toTerm(word);
    if (term) this.visitor.term(term);
  }

  han(run: string): void {
    for (const segment of cutStopPhrases(run)) this.visitor.hanSegment(segment);
  }
}

class Collector implements TextVisitor {
  readonly terms = new Set<string>();
  readonly hanSegments: string[] = [];

  term(term: string): void {
    this.terms.add(term);
  }

  hanSegment(segment: string): void {
    this.hanSegments.push(segment);
  }
}

/** The searchable units of a text, collected: each term once, Han segments and intents in order. */
export function analyzeText(text: string, options: AnalysisOptions = {}): TextAnalysis {
  const collector = new Collector();
  visitText(text, collector);
  const intents = options.intents === false ? [] : detectIntents(normalizeText(text));
  return { terms: [...collector.terms], hanSegments: collector.hanSegments, intents };
}

export interface AnalysisOptions {
  /** Look for interrogative intents (default true); indexing skips it for fields that are not questions. */
  intents?: boolean;
}

/** One token to its indexed form, or null when it carries no meaning. */
function toTerm(token: string): string | null {
  let term = TERM_MEMO.get(token);
  if (term === undefined) {
    term = computeTerm(token);
    // A knowledge base has a few thousand distinct words; the bound only protects against odd input.
    if (TERM_MEMO.size >= TERM_MEMO_LIMIT) TERM_MEMO.clear();
    TERM_MEMO.set(token, term);
  }
  return term;
}

const TERM_MEMO = new Map<string, string | null>();
const TERM_MEMO_LIMIT = 200_000;

function computeTerm(token: string): string | null {
  if (token.includes('+')) return token;
  if (token.length === 1 && !/\d/.test(token)) return null;
  if (isStopword(token)) return null;
  return lightStem(token);
}
