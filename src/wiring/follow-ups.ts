import { createFollowUpRuntime, type FollowUpRuntime } from '../adapters/queue/follow-up-runtime.js';
import { createFollowUpFeatures } from '../app/follow-up/follow-up-features.js';
import type { RedisGapStore } from '../adapters/redis/gap-store.js';
import type { Feature } from '../app/feature.js';
import type { OfferFollowUp } from '../app/features/question.js';
import type { Config } from '../config/env.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../observability/metrics.js';

export interface FollowUpWiring {
  runtime: FollowUpRuntime;
  features: Feature[];
  offerFollowUp: OfferFollowUp;
}

/**
 * Follow-ups exist only with a staff chat to send them to; without STAFF_CHAT_ID the bot answers from the
 * knowledge base and does not offer what nobody would receive.
 */
export function wireFollowUps(
  config: Config,
  deps: { translate: Translate; logger: Logger; metrics: Metrics; gaps: RedisGapStore },
): FollowUpWiring | null {
  if (config.STAFF_CHAT_ID === undefined) {
    deps.logger.warn('STAFF_CHAT_ID is not set: follow-ups to staff are off');
    return null;
  }
  const runtime = createFollowUpRuntime({
    redisUrl: config.REDIS_URL,
    staffChatId: config.STAFF_CHAT_ID,
    staffLanguage: config.DEFAULT_LANGUAGE,
    remindAfterMinutes: config.FOLLOWUP_REMIND_MINUTES,
    translate: deps.translate,
    log: deps.logger,
    observer: {
      ticketCreated(ticket) {
        deps.metrics.ticketCreated();
        deps.gaps
          .record({ text: ticket.question, lang: ticket.lang, kind: 'ticket' }, Date.now())
          .catch(() => {});
      },
      ticketAnswered(ticket, answer) {
        deps.metrics.ticketAnswered();
        deps.gaps
          .recordStaffAnswer({ question: ticket.question, lang: ticket.lang, answer, answeredAt: Date.now() })
          .catch(() => {});
      },
    },
  });
  deps.metrics.sampleOpenTickets(() => runtime.openTickets());
  deps.metrics.sampleQueueDepth(() => runtime.queueDepth());
  const { features, offerFollowUp } = createFollowUpFeatures({
    requests: runtime.requests,
    staffActions: runtime.staffActions,
    staffChatId: config.STAFF_CHAT_ID,
    staffLanguage: config.DEFAULT_LANGUAGE,
    translate: deps.translate,
  });
  return { runtime, features, offerFollowUp };
}
