/** The product's limits on follow-up requests, in one place so that tests and messages agree. */
export const FOLLOW_UP_LIMITS = {
  /** Open (waiting or claimed) tickets one user may have at a time. */
  openPerUser: 3,
  /** Characters of one question (after trimming). */
  questionChars: 2000,
  /** The same question again within this window is the same ticket. */
  duplicateWindowMs: 60_000,
} as const;

export type QuestionProblem = 'empty' | 'too-long';

/** A question as it will be stored: trimmed, with runs of blank lines reduced. */
export function cleanQuestion(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Checks a cleaned question against the limits. Length counts characters as people see them (code points),
 * so a Chinese question of 2,000 characters is allowed.
 */
export function checkQuestion(question: string): QuestionProblem | null {
  if (question.length === 0) return 'empty';
  if ([...question].length > FOLLOW_UP_LIMITS.questionChars) return 'too-long';
  return null;
}

/**
 * The form used to recognise "the same question": case, width, punctuation and spacing do not matter, so that
 * "Funding?" and "funding" typed twice in a minute make one ticket.
 */
export function questionFingerprint(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
