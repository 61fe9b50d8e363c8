import { describe, expect, it } from 'vitest';
import { planAnnouncement } from '../../../src/core/follow-up/staff-pacing.js';

describe('staff-chat pacing', () => {
  it('announces one ticket per message while the window can carry the backlog', () => {
    expect(planAnnouncement(1, 19)).toEqual({ kind: 'single' });
    expect(planAnnouncement(5, 10)).toEqual({ kind: 'single' });
    expect(planAnnouncement(11, 10)).toEqual({ kind: 'single' });
  });

  it('under a burst, digests just large enough for the remaining budget to catch up', () => {
    expect(planAnnouncement(40, 19)).toEqual({ kind: 'digest', size: 2 });
    expect(planAnnouncement(100, 4)).toEqual({ kind: 'digest', size: 20 });
    expect(planAnnouncement(400, 2)).toEqual({ kind: 'digest', size: 25 });
    expect(planAnnouncement(3, 0)).toEqual({ kind: 'digest', size: 3 });
  });

  it('in a forum a ticket takes two messages (topic, card) and rather waits a minute for them than lose its topic', () => {
    expect(planAnnouncement(1, 0, 25, 2)).toEqual({ kind: 'single' });
    expect(planAnnouncement(2, 2, 25, 2)).toEqual({ kind: 'single' });
    // 2 slots now and 12 in the minute's next four windows carry seven tickets, not eight.
    expect(planAnnouncement(7, 2, 25, 2)).toEqual({ kind: 'single' });
    expect(planAnnouncement(8, 2, 25, 2)).toEqual({ kind: 'digest', size: 3 });
    expect(planAnnouncement(30, 2, 25, 2)).toEqual({ kind: 'digest', size: 10 });
  });

  it('never makes a digest larger than the backlog or the cap', () => {
    expect(planAnnouncement(1000, 0, 15)).toEqual({ kind: 'digest', size: 15 });
    expect(planAnnouncement(2, 0, 15)).toEqual({ kind: 'digest', size: 2 });
  });
});
