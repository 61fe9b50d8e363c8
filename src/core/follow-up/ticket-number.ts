/**
 * Ticket numbers come from a counter in the store (1, 2, 3...). Starting the visible numbers at 1001 keeps
 * them four digits for the first thousands of tickets and avoids "#1", which reads like a list position.
 */
const FIRST_NUMBER = 1001;

/** The visible number for the n-th ticket (n counted from 1). */
export function ticketNumberFor(counter: number): number {
  return FIRST_NUMBER - 1 + counter;
}

/** "#1042". */
export function formatTicketNumber(number: number): string {
  return `#${number}`;
}

/** Reads "1042", "#1042" or "＃1042" (full-width, as Chinese keyboards type it); null when it is not a number. */
export function parseTicketNumber(text: string): number | null {
  const match = /^[#＃]?(\d{1,9})$/.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return number >= FIRST_NUMBER ? number : null;
}
