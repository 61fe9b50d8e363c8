import { describe, expect, it } from 'vitest';
import { emptyDay } from '../../../src/core/stats/desk-stats.js';
import { median, summariseStats } from '../../../src/core/stats/summarise.js';

describe('summariseStats', () => {
  it('adds the days up: top entries and most 👎 by count then id, tickets, median first reply', () => {
    const monday = emptyDay('2030-05-19');
    monday.questions.answered = 3;
    monday.answersByEntry.set('b', 2).set('a', 2);
    monday.ratingsByEntry.set('a', { up: 1, down: 0 }).set('b', { up: 0, down: 1 });
    monday.tickets = { opened: 2, answered: 1, closed: 0 };
    monday.firstReplySeconds.push(600);
    const tuesday = emptyDay('2030-05-20');
    tuesday.questions.unknown = 2;
    tuesday.answersByEntry.set('c', 1).set('a', 1);
    tuesday.ratingsByEntry.set('c', { up: 0, down: 2 });
    tuesday.tickets = { opened: 1, answered: 2, closed: 3 };
    tuesday.firstReplySeconds.push(60, 3600);

    const summary = summariseStats([monday, tuesday], 2);

    expect(summary.totalQuestions).toBe(5);
    expect(summary.days.map((d) => d.questions.answered + d.questions.unknown)).toEqual([3, 2]);
    expect(summary.topEntries).toEqual([
      { entryId: 'a', count: 3 },
      { entryId: 'b', count: 2 },
    ]);
    expect(summary.mostDisliked).toEqual([
      { entryId: 'c', count: 2, up: 0 },
      { entryId: 'b', count: 1, up: 0 },
    ]);
    expect(summary.tickets).toEqual({ opened: 3, answered: 3, closed: 3 });
    expect(summary.medianFirstReplySeconds).toBe(600);
    expect(summary.ticketRatings).toEqual([]);
  });

  it('takes the median of an even count as the mean of the middle two, and none of nothing', () => {
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeNull();
  });
});
