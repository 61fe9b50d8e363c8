import type { Language } from '../../core/language/languages.js';
import type { Translate } from '../../i18n/translator.js';
import type { Feature } from '../feature.js';
import { createFollowUpFeature, createOfferFollowUp } from '../features/follow-up.js';
import type { OfferFollowUp } from '../features/question.js';
import { createStaffFeature } from '../features/staff.js';
import type { StaffActions } from './staff-actions.js';
import type { TicketRequests } from './ticket-requests.js';

export interface FollowUpFeaturesDeps {
  requests: TicketRequests;
  staffActions: StaffActions;
  staffChatId: number;
  staffLanguage: Language;
  translate: Translate;
}

/**
 * The follow-up features in the order the desk needs them (staff first: its text handler takes replies in the
 * staff chat before anything else looks at them), plus the offer for the question feature.
 */
export function createFollowUpFeatures(deps: FollowUpFeaturesDeps): {
  features: Feature[];
  offerFollowUp: OfferFollowUp;
} {
  return {
    features: [
      createStaffFeature({
        actions: deps.staffActions,
        staffChatId: deps.staffChatId,
        staffLanguage: deps.staffLanguage,
        translate: deps.translate,
      }),
      createFollowUpFeature({ requests: deps.requests, staffLanguage: deps.staffLanguage }),
    ],
    offerFollowUp: createOfferFollowUp({ requests: deps.requests, staffLanguage: deps.staffLanguage }),
  };
}
