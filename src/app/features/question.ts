import { inScript } from '../../core/answer/reply-script.js';
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
import type { BoundTranslate, DeskContext, DeskResponse, Feature } from '../feature.js';
import { createAnswerCardCache, type AnswerCardCache } from '../render/answer-card-cache.js';
import { answerMessage, feedbackRow } from '../render/answer-message.js';
import { renderAnswerView } from '../render/answer-views.js';
import { capHtml } from '../render/html.js';
import { button, rows } from '../render/keyboard.js';
import { escapeHtml } from '../../i18n/escape-html.js';
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

/** A reply to someone who wrote in traditional characters, converted to them (buttons included). */
function inAskersScript(message: OutMessage, result: AnswerResult): OutMessage {
  if (!result.traditional || result.lang !== 'zh') return message;
  return {
    ...message,
    html: inScript(message.html, result),
    buttons: message.buttons?.map((row) => row.map((b) => ({ ...b, text: inScript(b.text, result) }))),
  };
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

  async function followUpButton(
    ctx: DeskContext,
    question: string,
    result: AnswerResult,
  ): Promise<Button | null> {
    if (!deps.offerFollowUp) return null;
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

  /** Counting never delays or breaks the answer: it is not awaited and its failures are only logged. */
  function countGap(ctx: DeskContext, question: string): void {
    if (!deps.gaps) return;
    const lang = detectLanguage(question) ?? ctx.lang;
    deps.gaps
      .record({ text: question, lang, kind: 'unanswered' }, Date.now())
      .catch((err: unknown) => ctx.log.debug({ err }, 'gap not counted (store unavailable)'));
  }

  /** Counted like a gap: never awaited, failures only logged. The entry is the one shown, if a single one is. */
  function countQuestion(ctx: DeskContext, result: AnswerResult): void {
    if (!deps.stats) return;
    const shown = result.view ? (result.view.kind === 'contact' ? result.view.entry : null) : result.entry;
    deps.stats
      .question(result.outcome, shown?.id ?? null, Date.now())
      .catch((err: unknown) => ctx.log.debug({ err }, 'question not counted (store unavailable)'));
  }

  /** The answer card (framed as "likely" when it is), with 👍/👎 when the answer could be remembered. */
  function entryReply(
    ctx: DeskContext,
    result: AnswerResult,
    entry: Entry,
    token: string | null,
    followUp: Button | null,
  ): OutMessage {
    const lang = result.lang;
    const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
    const card = cachedAnswer(ctx, entry, lang);
    const feedback = token ? [feedbackRow(t, token)] : [];
    if (result.outcome === 'answered') return { ...card, buttons: [...(card.buttons ?? []), ...feedback] };
    // A clear leader below the bar of a plain answer: shown as such, with the runners-up and a way to staff.
    const alternatives = result.suggestions.map((other) =>
      button(other.title[lang], ACTIONS.answerEntry, other.id, 'e', lang),
    );
    const notIt = followUp && { ...followUp, text: t('question:button.not_what_i_asked') };
    return {
      html: capHtml(`${escapeHtml(t('question:likely'))}\n\n${card.html}`),
      buttons: [...rows([...alternatives, notIt]), ...feedback],
    };
  }

  async function reply(ctx: DeskContext, question: string, result: AnswerResult): Promise<OutMessage[]> {
    const lang = result.lang;
    const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
    const { view, entry } = result;
    if (view && view.kind !== 'contact') return renderAnswerView(view, lang, t, null);
    const remembered = view?.entry ?? entry;
    const token = remembered
      ? ((await deps.memory?.remember(ctx.sender.userId, {
          entryId: remembered.id,
          lang,
          question: gapExample(question),
        })) ?? null)
      : null;
    if (result.outcome === 'answered' && entry && !view) return [entryReply(ctx, result, entry, token, null)];
    const followUp = await followUpButton(ctx, question, result);
    if (view) return renderAnswerView(view, lang, t, followUp);
    if (result.outcome === 'likely' && entry) return [entryReply(ctx, result, entry, token, followUp)];
    if (result.outcome === 'suggested' && result.suggestions.length > 0) {
      const choices = result.suggestions
        .slice(0, 3)
        .map((other) => button(other.title[lang], ACTIONS.answerEntry, other.id, 'e', lang));
      return [{ html: t('question:did_you_mean'), buttons: rows([...choices, followUp]) }];
    }
    return [
      {
        html: t('question:unknown'),
        buttons: rows([button(t('question:button.browse'), ACTIONS.browseList), followUp]),
      },
    ];
  }

  return {
    name: 'question',
    async text(input, ctx): Promise<DeskResponse | null> {
      // Group chats (the staff chat above all) talk among people; only private chats ask the bot.
      if (ctx.sender.chatType !== 'private' || input.text.trim() === '') return null;
      const previousEntryId = (await deps.memory?.recentEntry(ctx.sender.userId)) ?? null;
      const started = performance.now();
      const result = ctx.snapshot.answer(input.text, {
        chosenLanguage: ctx.chosenLanguage,
        clientLanguageCode: ctx.sender.languageCode ?? null,
        previousEntryId,
      });
      deps.observer?.answerGiven(result.outcome, (performance.now() - started) / 1000);
      countQuestion(ctx, result);
      // A list or comparison composed from the facts answers the question; a missing contact is a gap.
      const composed = result.view !== null && result.view.kind !== 'contact';
      if (result.outcome !== 'answered' && !composed) countGap(ctx, input.text);
      ctx.note({
        outcome: result.outcome,
        entry: result.entry?.id ?? null,
        confidence: result.confidence,
        lang: result.lang,
        view: result.view?.kind ?? null,
        in_context: previousEntryId !== null,
      });
      ctx.log.debug({ text: input.text }, 'question text');
      const messages = await reply(ctx, input.text, result);
      return { replies: messages.map((message) => inAskersScript(message, result)) };
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
