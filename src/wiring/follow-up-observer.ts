import type { RedisGapStore } from '../adapters/redis/gap-store.js';
import type { FollowUpObserver } from '../app/follow-up/work-items.js';
import type { DeskStatsRecorder } from '../core/stats/desk-stats.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface FollowUpObserverDeps {
  logger: Logger;
  metrics: Metrics;
  gaps: RedisGapStore;
  stats: DeskStatsRecorder;
}

/**
 * Tickets counted where they happen: metrics, the knowledge-gap report and the daily numbers of `/stats`. Redis
 * writes are not awaited and their failures logged at debug: counting never holds up a ticket.
 */
export function followUpObserver({ logger, metrics, gaps, stats }: FollowUpObserverDeps): FollowUpObserver {
  const gapNotRecorded = (err: unknown) =>
    logger.debug({ err }, 'knowledge-gap report not updated (store unavailable)');
  const notCounted = (err: unknown) => logger.debug({ err }, 'ticket not counted in the daily numbers');
  return {
    ticketCreated(ticket) {
      metrics.ticketCreated();
      gaps
        .record({ text: ticket.question, lang: ticket.lang, kind: 'ticket' }, Date.now())
        .catch(gapNotRecorded);
      stats.ticket('opened', ticket.createdAt).catch(notCounted);
    },
    staffWrote(ticket, text) {
      gaps
        .recordStaffAnswer({
          question: ticket.question,
          lang: ticket.lang,
          answer: text,
          answeredAt: Date.now(),
        })
        .catch(gapNotRecorded);
      if (ticket.staffMessages !== 1) return;
      const at = ticket.firstReplyAt ?? Date.now();
      stats.firstStaffReply((at - ticket.createdAt) / 1000, at).catch(notCounted);
    },
    ticketAnswered(ticket) {
      metrics.ticketAnswered();
      stats.ticket('answered', ticket.answeredAt ?? ticket.closedAt ?? Date.now()).catch(notCounted);
    },
    ticketClosed(ticket) {
      stats.ticket('closed', ticket.closedAt ?? Date.now()).catch(notCounted);
    },
    ticketRated(ticket, rating) {
      if (ticket.rating) metrics.ticketRated(ticket.rating);
      stats.ticketRated(rating, ticket.ratedAt ?? Date.now()).catch(notCounted);
    },
  };
}
