import type { DeskStatsRecorder } from '../../core/stats/desk-stats.js';
import type { AnswerMemory, Rating } from '../answer-memory.js';
import type { AnswerObserver } from '../desk-input.js';
import type { BoundTranslate, DeskResponse, Feature } from '../feature.js';
import { button, rows } from '../render/keyboard.js';
import { answerMessage, FEEDBACK_ACTIONS } from '../render/answer-message.js';
import type { OfferFollowUp } from './question.js';

const RATINGS: ReadonlyMap<string, Rating> = new Map([
  ['u', 'up'],
  ['d', 'down'],
]);

export interface FeedbackFeatureDeps {
  memory: AnswerMemory;
  /** The way to staff offered after a 👎 (the same offer as under an unknown answer). */
  offerFollowUp?: OfferFollowUp;
  observer?: AnswerObserver;
  /** The daily 👍/👎 per entry of `/stats`. */
  stats?: DeskStatsRecorder;
}

/**
 * 👍 / 👎 under answers: one rating per answer, counted per entry and language; the two buttons give way to a
 * thanks (the answer's related entries stay). A 👎 also offers the question to staff. A store that cannot be
 * reached is a toast, never a lost answer.
 */
export function createFeedbackFeature(deps: FeedbackFeatureDeps): Feature {
  return {
    name: 'feedback',
    callbacks: {
      [FEEDBACK_ACTIONS.rate]: async (input, ctx): Promise<DeskResponse> => {
        const [token, code] = input.args;
        const rating = code === undefined ? undefined : RATINGS.get(code);
        if (!token || !rating) return { toast: { text: ctx.t('errors:stale_button') } };
        let result;
        try {
          result = await deps.memory.rate(token, rating);
        } catch (err) {
          ctx.log.warn({ err }, 'rating not counted: answer memory unavailable');
          return { toast: { text: ctx.t('errors:apology') } };
        }
        if (result.kind === 'already') return { toast: { text: ctx.t('question:feedback.already') } };
        if (result.kind === 'expired') return { toast: { text: ctx.t('errors:stale_button') } };
        deps.observer?.answerRated(rating);
        deps.stats
          ?.answerRated(result.answer.entryId, rating, Date.now())
          .catch((err: unknown) => ctx.log.debug({ err }, 'rating not counted in the daily numbers'));
        ctx.note({ rating, entry: result.answer.entryId });
        const { entryId, lang, question } = result.answer;
        const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
        const entry = ctx.snapshot.byId(entryId);
        const related = entry ? (answerMessage(ctx, entry, lang).buttons ?? []) : [];
        const thanks = [button(t('question:feedback.thanks'), FEEDBACK_ACTIONS.thanks)];
        const response: DeskResponse = {
          toast: { text: t('question:feedback.thanks') },
          editButtons: [...related, thanks],
        };
        if (rating === 'down' && deps.offerFollowUp && question !== '') {
          const offer = await deps.offerFollowUp(ctx, question, [entryId]);
          if (offer) response.send = [{ html: t('question:feedback.sorry'), buttons: rows([offer]) }];
        }
        return response;
      },
      [FEEDBACK_ACTIONS.thanks]: async (_input, ctx) => ({
        toast: { text: ctx.t('question:feedback.thanks') },
      }),
    },
  };
}
