import type { Language } from '../language/languages.js';
import type { GapCount } from './gap.js';
import { normalizeGapText } from './normalize-gap.js';
import { redactPersonalDetails } from './redact.js';
import type { StaffAnswer } from './staff-answers.js';

/** Staff answers attached to one draft; more are rarely useful and make the file hard to edit. */
const MAX_ANSWERS_PER_DRAFT = 5;

/**
 * A knowledge-base entry to be, in the shape of data/knowledge-base.json but only in the language it was asked
 * in, its answer still to write: an admin writes it from the facts (the staff replies are a reference, written to
 * one person), translates it, adds sources, and moves it into the knowledge base (kb:check says what is missing).
 */
export interface DraftEntry {
  id: string;
  kind: 'faq';
  title: Partial<Record<Language, string>>;
  answer: Partial<Record<Language, string>>;
  search: Partial<Record<Language, { aliases: string[]; questions: string[]; keywords: string[] }>>;
  sources: [];
  related: [];
}

/** One unanswered question with what is known about it, and the draft entry made from it. */
export interface GapDraft {
  question: string;
  language: Language;
  /** Times it got no confident answer in the period. */
  unanswered: number;
  /** Follow-up tickets opened for it in the period. */
  tickets: number;
  /** What staff answered to matching tickets, newest first: a reference for the answer, not the answer. */
  staffAnswers: string[];
  entry: DraftEntry;
}

export interface GapExport {
  generatedAt: string;
  days: number;
  note: string;
  drafts: GapDraft[];
}

/**
 * Turns the most frequent gaps into draft entries, personal details redacted (redact.ts) from the questions and
 * the staff answers. A staff answer matches a gap when its ticket's question has the same normalised text and
 * language; the answers are kept beside the draft, whose own answer is left to write. Draft ids are kebab-case,
 * start with `draft-`, are made from the redacted question and are unique within the export.
 */
export function buildGapExport(
  gaps: readonly GapCount[],
  answers: readonly StaffAnswer[],
  options: { now: number; days: number },
): GapExport {
  const answersByKey = new Map<string, StaffAnswer[]>();
  for (const answer of answers) {
    const key = gapKey(answer.lang, normalizeGapText(answer.question));
    const list = answersByKey.get(key) ?? [];
    list.push(answer);
    answersByKey.set(key, list);
  }
  const usedIds = new Set<string>();
  const drafts = gaps.map((gap): GapDraft => {
    const matching = (answersByKey.get(gapKey(gap.lang, gap.normalized)) ?? [])
      .slice()
      .sort((a, b) => b.answeredAt - a.answeredAt)
      .map((a) => redactPersonalDetails(a.answer.trim()))
      .filter((text, index, all) => text !== '' && all.indexOf(text) === index)
      .slice(0, MAX_ANSWERS_PER_DRAFT);
    const question = redactPersonalDetails(gap.example);
    const id = uniqueId(draftId(normalizeGapText(question)), usedIds);
    return {
      question,
      language: gap.lang,
      unanswered: gap.unanswered,
      tickets: gap.tickets,
      staffAnswers: matching,
      entry: {
        id,
        kind: 'faq',
        title: { [gap.lang]: question },
        answer: {},
        search: { [gap.lang]: { aliases: [], questions: [question], keywords: [] } },
        sources: [],
        related: [],
      },
    };
  });
  return {
    generatedAt: new Date(options.now).toISOString(),
    days: options.days,
    note: 'Draft entries for questions the bot could not answer, personal details replaced by [e-mail], [phone], [sum] and [name]. Each needs an answer written from the facts (the staff replies are for reference), the other three languages and at least one source before it joins the knowledge base.',
    drafts,
  };
}

function gapKey(lang: Language, normalized: string): string {
  return `${lang}\u0000${normalized}`;
}

/** Longest draft id before a uniqueness suffix; kb:check allows 40 characters. */
const MAX_DRAFT_ID = 36;

/** `draft-` and the first words of the question in ASCII, whole words only; questions without Latin letters get a number. */
function draftId(normalized: string): string {
  const words = normalized
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = 'draft';
  for (const word of words) {
    if (id.length + 1 + word.length > MAX_DRAFT_ID) break;
    id += `-${word}`;
  }
  return id;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base === 'draft' ? 'draft-1' : base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
