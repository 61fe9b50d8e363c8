import { gapExample } from '../../core/gaps/normalize-gap.js';
import type { AnswerResult } from '../../core/answer/types.js';
import type { GapRecorder } from '../../core/gaps/gap.js';
import type { Entry } from '../../core/knowledge-base/schema.js';
import type { DeskStatsRecorder } from '../../core/stats/desk-stats.js';
import { detectLanguage } from '../../core/language/detect-language.js';
import { isLanguage, type Language } from '../../core/language/languages.js';
import type { AnswerMemory } from '../answer-memory.js';
import { ACTIONS } from '../callback-actions.js';
import type { AnswerObserver } from '../desk-input.js';
import type { DeskContext, DeskResponse, Feature } from '../feature.js';
import { createAnswerCardCache, type AnswerCardCache } from '../render/answer-card-cache.js';
import { answerMessage } from '../render/answer-message.js';
import { offersFollowUp, questionReplies } from '../render/question-replies.js';
import type { Button, OutMessage } from '../types.js';

/**
 * Supplied by the follow-up feature: a button such as "Ask our staff" for a question the knowledge base could
 * not answer confidently, or null to offer nothing. `considered` are the entry ids the core weighed.
 */
export type OfferFollowUp = (
  ctx: DeskContext,
  question: string,
  considered: string[],
) => Promise<Button | null>;

export interface QuestionFeatureDeps {
  offerFollowUp?: OfferFollowUp;
  /** Knowledge gaps: every question without a confident answer is counted, in the language it is written in. */
  gaps?: GapRecorder;
  observer?: AnswerObserver;
  /** The daily numbers of `/stats`: every question by outcome, and the entry it was answered with. */
  stats?: DeskStatsRecorder;
  /** The entry each user was just answered with, and answers kept for their 👍/👎 buttons. */
  memory?: AnswerMemory;
  /** Rendered answers kept between updates; default a fresh cache of DEFAULT_CARD_CACHE_SIZE cards. */
  cards?: AnswerCardCache;
}

/** The entry shown by itself, if one is: the answer, or the entry of a missing-contact reply. */
function shownEntry(result: AnswerResult): Entry | null {
  return result.view ? (result.view.kind === 'contact' ? result.view.entry : null) : result.entry;
}

/**
 * Counts the question for `/stats` and, without a confident answer, as a knowledge gap in the language it is
 * written in. A list or comparison composed from the facts answers it; a missing contact is a gap. Counting never
 * delays or breaks the answer: it is not awaited and its failures are only logged.
 */
function countQuestion(deps: QuestionFeatureDeps, ctx: DeskContext, question: string, result: AnswerResult) {
  deps.stats
    ?.question(result.outcome, shownEntry(result)?.id ?? null, Date.now())
    .catch((err: unknown) => ctx.log.debug({ err }, 'question not counted (store unavailable)'));
  const composed = result.view !== null && result.view.kind !== 'contact';
  if (result.outcome === 'answered' || composed) return;
  deps.gaps
    ?.record({ text: question, lang: detectLanguage(question) ?? ctx.lang, kind: 'unanswered' }, Date.now())
    .catch((err: unknown) => ctx.log.debug({ err }, 'gap not counted (store unavailable)'));
}

/** The follow-up offer for this question; if it fails, the answer still goes out without it. */
async function followUpButton(
  deps: QuestionFeatureDeps,
  ctx: DeskContext,
  question: string,
  result: AnswerResult,
): Promise<Button | null> {
  if (!deps.offerFollowUp || !offersFollowUp(result)) return null;
  try {
    return await deps.offerFollowUp(
      ctx,
      question,
      result.suggestions.map((e) => e.id),
    );
  } catch (err) {
    ctx.log.warn({ err }, 'follow-up offer failed; replying without it');
    return null;
  }
}

/** The answer shown by itself, remembered for its 👍/👎 buttons; the token is null when it could not be. */
async function feedbackToken(
  deps: QuestionFeatureDeps,
  ctx: DeskContext,
  question: string,
  result: AnswerResult,
): Promise<string | null> {
  const shown = shownEntry(result);
  if (!shown || !deps.memory) return null;
  const remembered = { entryId: shown.id, lang: result.lang, question: gapExample(question) };
  return (await deps.memory.remember(ctx.sender.userId, remembered)) ?? null;
}

/**
 * Any text in a private chat is a question: the core decides (answered, likely, suggested, unknown) and this renders
 * it in the reply language the core chose. Unknown and suggested replies carry the follow-up offer when one is
 * injected; if that offer fails, the answer still goes out without it.
 */
export function createQuestionFeature(deps: QuestionFeatureDeps = {}): Feature {
  const cards = deps.cards ?? createAnswerCardCache();
  const cachedAnswer = (ctx: DeskContext, entry: Entry, lang: Language): OutMessage =>
    cards.get(ctx.snapshot, entry.id, lang, () => answerMessage(ctx, entry, lang));

  return {
    name: 'question',
    async text(input, ctx): Promise<DeskResponse | null> {
      // Group chats (the staff chat above all) talk among people; only private chats ask the bot.
      if (ctx.sender.chatType !== 'private' || input.text.trim() === '') return null;
      const question = input.text;
      const previousEntryId = (await deps.memory?.recentEntry(ctx.sender.userId)) ?? null;
      const started = performance.now();
      const result = ctx.snapshot.answer(question, {
        chosenLanguage: ctx.chosenLanguage,
        clientLanguageCode: ctx.sender.languageCode ?? null,
        previousEntryId,
      });
      deps.observer?.answerGiven(result.outcome, (performance.now() - started) / 1000);
      countQuestion(deps, ctx, question, result);
      const { outcome, confidence, lang } = result;
      const [entry, view] = [result.entry?.id ?? null, result.view?.kind ?? null];
      ctx.note({ outcome, entry, confidence, lang, view, in_context: previousEntryId !== null });
      ctx.log.debug({ text: question }, 'question text');
      const replies = questionReplies({
        result,
        card: (shown, shownLang) => cachedAnswer(ctx, shown, shownLang),
        feedbackToken: await feedbackToken(deps, ctx, question, result),
        followUp: await followUpButton(deps, ctx, question, result),
        t: (key, vars) => ctx.tIn(lang, key, vars),
      });
      return { replies };
    },
    callbacks: {
      /** A "did you mean" choice (edits the choices into the answer) or a related entry (a new message). */
      [ACTIONS.answerEntry]: async (input, ctx) => {
        const [id, mode, lang] = input.args;
        const entry = id ? ctx.snapshot.byId(id) : undefined;
        if (!entry) return { toast: { text: ctx.t('errors:stale_button') } };
        const message = cachedAnswer(ctx, entry, isLanguage(lang) ? lang : ctx.lang);
        return mode === 'e' ? { edit: message } : { send: [message] };
      },
    },
  };
}
