import { describe, expect, it } from 'vitest';
import {
  formatTicketNumber,
  parseTicketNumber,
  ticketNumberFor,
} from '../../../src/core/follow-up/ticket-number.js';

describe('ticket numbers', () => {
  it('start at #1001 and stay short', () => {
    expect(formatTicketNumber(ticketNumberFor(1))).toBe('#1001');
    expect(formatTicketNumber(ticketNumberFor(42))).toBe('#1042');
  });

  it('are read with or without # (also the full-width ＃ of Chinese keyboards)', () => {
    expect(parseTicketNumber('#1042')).toBe(1042);
    expect(parseTicketNumber(' 1042 ')).toBe(1042);
    expect(parseTicketNumber('＃1042')).toBe(1042);
  });

  it('refuse anything that is not a ticket number', () => {
    expect(parseTicketNumber('12')).toBeNull();
    expect(parseTicketNumber('abc')).toBeNull();
    expect(parseTicketNumber('1042x')).toBeNull();
    expect(parseTicketNumber('')).toBeNull();
  });
});
