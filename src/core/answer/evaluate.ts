import type { KnowledgeSnapshot } from '../knowledge-base/snapshot.js';
import { isLanguage, type Language } from '../language/languages.js';
import type { AnswerResult } from './types.js';

/** One line of an evaluation file (see ../shared/eval/README.md). */
export interface EvalCase {
  q: string;
  /** The language the reply must be in. */
  lang: Language;
  /** The entry that must be answered, any of several, or null when the question is outside the knowledge base. */
  expect: string | string[] | null;
  /** The Telegram language_code of the asker, if the case sets one. */
  user_lang?: string;
  /** What makes the line hard (one letter, see ../shared/eval/README.md), if the set says. */
  kind?: string;
}

export type MissKind = 'wrong-entry' | 'not-answered' | 'out-of-scope-answered' | 'language';

export interface EvalMiss {
  kind: MissKind;
  line: number;
  case: EvalCase;
  result: AnswerResult;
}

export interface Ratio {
  hits: number;
  total: number;
}

export interface EvalReport {
  /** Questions with an expected entry that were answered with (one of) it. */
  top1: Ratio;
  /** Out-of-scope questions that were answered confidently anyway (lower is better). */
  outOfScopeAnswered: Ratio;
  replyLanguage: Ratio;
  /** Per kind of line (lines without a kind under "-"): in-scope answered right, or out of scope left unanswered. */
  byKind: Map<string, Ratio>;
  misses: EvalMiss[];
}

/** Parses JSONL evaluation cases; every bad line is reported as "line N: problem", blank lines are skipped. */
export function parseEvalCases(text: string): {
  cases: { line: number; case: EvalCase }[];
  errors: string[];
} {
  const cases: { line: number; case: EvalCase }[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return void errors.push(`line ${i + 1}: not valid JSON`);
    }
    const problem = caseProblem(data);
    if (problem) errors.push(`line ${i + 1}: ${problem}`);
    else cases.push({ line: i + 1, case: data as EvalCase });
  });
  return { cases, errors };
}

function caseProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return 'must be a JSON object';
  const c = data as Record<string, unknown>;
  if (typeof c.q !== 'string') return '"q" must be a string';
  if (!isLanguage(c.lang)) return '"lang" must be one of en, zh, de, fr';
  const expectOk =
    c.expect === null ||
    typeof c.expect === 'string' ||
    (Array.isArray(c.expect) && c.expect.length > 0 && c.expect.every((id) => typeof id === 'string'));
  if (!expectOk) return '"expect" must be an entry id, a non-empty list of ids, or null';
  if (c.user_lang !== undefined && typeof c.user_lang !== 'string') return '"user_lang" must be a string';
  if (c.kind !== undefined && typeof c.kind !== 'string') return '"kind" must be a string';
  return null;
}

/**
 * Runs every case through the snapshot's whole question path and counts the three figures of the issue:
 * top-1 accuracy (the answered entry is the expected one; a "did you mean" is not an answer), the share of
 * out-of-scope questions answered confidently, and reply-language accuracy.
 */
export function evaluate(
  snapshot: KnowledgeSnapshot,
  cases: readonly { line: number; case: EvalCase }[],
): EvalReport {
  const report: EvalReport = {
    top1: { hits: 0, total: 0 },
    outOfScopeAnswered: { hits: 0, total: 0 },
    replyLanguage: { hits: 0, total: 0 },
    byKind: new Map(),
    misses: [],
  };
  for (const { line, case: c } of cases) {
    const result = snapshot.answer(c.q, { clientLanguageCode: c.user_lang ?? null });
    const miss = (kind: MissKind): void => void report.misses.push({ kind, line, case: c, result });
    const kind = report.byKind.get(c.kind ?? '-') ?? { hits: 0, total: 0 };
    report.byKind.set(c.kind ?? '-', kind);
    kind.total += 1;
    if (c.expect === null) {
      report.outOfScopeAnswered.total += 1;
      // A likely answer is an answer too: it shows an entry as the reply.
      if (result.entry) {
        report.outOfScopeAnswered.hits += 1;
        miss('out-of-scope-answered');
      } else kind.hits += 1;
    } else {
      report.top1.total += 1;
      const expected = Array.isArray(c.expect) ? c.expect : [c.expect];
      if (result.entry && expected.includes(result.entry.id)) {
        report.top1.hits += 1;
        kind.hits += 1;
      } else miss(result.entry ? 'wrong-entry' : 'not-answered');
    }
    report.replyLanguage.total += 1;
    if (result.lang === c.lang) report.replyLanguage.hits += 1;
    else miss('language');
  }
  return report;
}

/** hits/total, or 0 for an empty set (so that a file without out-of-scope questions still prints a figure). */
export function share(ratio: Ratio): number {
  return ratio.total === 0 ? 0 : ratio.hits / ratio.total;
}
