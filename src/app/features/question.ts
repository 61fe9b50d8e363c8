import { inScript } from '../../core/answer/reply-script.js';
import type { AnswerResult } from '../../core/answer/types.js';
import type { GapRecorder } from '../../core/gaps/gap.js';
import type { Entry } from '../../core/knowledge-base/types.js';
import { detectLanguage } from '../../core/language/detect-language.js';
import { isLanguage, type Language } from '../../core/language/languages.js';
import { ACTIONS } from '../callback-actions.js';
import type { AnswerObserver } from '../desk-input.js';
import type { BoundTranslate, DeskContext, DeskResponse, Feature } from '../feature.js';
import { createAnswerCardCache, type AnswerCardCache } from '../render/answer-card-cache.js';
import { renderEntryCard } from '../render/entry-card.js';
import { capHtml } from '../render/html.js';
import { button, rows } from '../render/keyboard.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import type { Button, OutMessage } from '../types.js';

/** Related entries offered under an answer. */
const MAX_RELATED = 3;

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
  /** Rendered answers kept between updates; default a fresh cache of DEFAULT_CARD_CACHE_SIZE cards. */
  cards?: AnswerCardCache;
}

/** An entry as an answer in `lang`: its card, and buttons for related entries (answered in the same language). */
export function answerMessage(ctx: DeskContext, entry: Entry, lang: Language): OutMessage {
  const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
  const related = entry.related
    .map((id) => ctx.snapshot.byId(id))
    .filter((e): e is Entry => e !== undefined)
    .slice(0, MAX_RELATED)
    .map((e) =>
      button(`${t('question:related_prefix')} ${e.title[lang]}`, ACTIONS.answerEntry, e.id, 'n', lang),
    );
  return { html: renderEntryCard(entry, lang, t), buttons: rows(related) };
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

  async function reply(ctx: DeskContext, question: string, result: AnswerResult): Promise<OutMessage> {
    const lang = result.lang;
    const t: BoundTranslate = (key, vars) => ctx.tIn(lang, key, vars);
    if (result.outcome === 'answered' && result.entry) return cachedAnswer(ctx, result.entry, lang);
    const followUp = await followUpButton(ctx, question, result);
    if (result.outcome === 'likely' && result.entry) {
      // A clear leader below the bar of a plain answer: shown as such, with the runners-up and a way to staff.
      const card = cachedAnswer(ctx, result.entry, lang);
      const alternatives = result.suggestions.map((entry) =>
        button(entry.title[lang], ACTIONS.answerEntry, entry.id, 'e', lang),
      );
      const notIt = followUp && { ...followUp, text: t('question:button.not_what_i_asked') };
      return {
        html: capHtml(`${escapeHtml(t('question:likely'))}\n\n${card.html}`),
        buttons: rows([...alternatives, notIt]),
      };
    }
    if (result.outcome === 'suggested' && result.suggestions.length > 0) {
      const choices = result.suggestions
        .slice(0, 3)
        .map((entry) => button(entry.title[lang], ACTIONS.answerEntry, entry.id, 'e', lang));
      return { html: t('question:did_you_mean'), buttons: rows([...choices, followUp]) };
    }
    return {
      html: t('question:unknown'),
      buttons: rows([button(t('question:button.browse'), ACTIONS.browseList), followUp]),
    };
  }

  return {
    name: 'question',
    async text(input, ctx): Promise<DeskResponse | null> {
      // Group chats (the staff chat above all) talk among people; only private chats ask the bot.
      if (ctx.sender.chatType !== 'private' || input.text.trim() === '') return null;
      const started = performance.now();
      const result = ctx.snapshot.answer(input.text, {
        chosenLanguage: ctx.chosenLanguage,
        clientLanguageCode: ctx.sender.languageCode ?? null,
      });
      deps.observer?.answerGiven(result.outcome, (performance.now() - started) / 1000);
      if (result.outcome !== 'answered') countGap(ctx, input.text);
      ctx.note({
        outcome: result.outcome,
        entry: result.entry?.id ?? null,
        confidence: result.confidence,
        lang: result.lang,
      });
      ctx.log.debug({ text: input.text }, 'question text');
      return { replies: [inAskersScript(await reply(ctx, input.text, result), result)] };
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
