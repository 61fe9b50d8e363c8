import { inScript } from '../../core/answer/reply-script.js';
import type { AnswerResult } from '../../core/answer/types.js';
import type { Entry } from '../../core/knowledge-base/schema.js';
import type { Language } from '../../core/language/languages.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import { ACTIONS } from '../callback-actions.js';
import type { BoundTranslate } from '../feature.js';
import type { Button, OutMessage } from '../types.js';
import { feedbackRow } from './answer-message.js';
import { renderAnswerView } from './answer-views.js';
import { capHtml } from './html.js';
import { button, rows } from './keyboard.js';

/** What a question's reply is made of besides the core's result. */
export interface QuestionReplyParts {
  result: AnswerResult;
  /** The entry's answer card, cached between updates. */
  card: (entry: Entry, lang: Language) => OutMessage;
  /** The remembered answer's token for its 👍/👎 buttons; null when it could not be remembered. */
  feedbackToken: string | null;
  /** The way to staff ("Ask our staff"), or null when none is offered. */
  followUp: Button | null;
  /** Translates in the reply language. */
  t: BoundTranslate;
}

/** Whether the reply for `result` offers a way to staff: everything but a plain answer and a composed list or comparison. */
export function offersFollowUp(result: AnswerResult): boolean {
  if (result.view) return result.view.kind === 'contact';
  return !(result.outcome === 'answered' && result.entry);
}

/**
 * The reply to a question, in the reply language the core chose and in the asker's script: a list or comparison
 * composed from the facts, the answer card (framed as "likely" when it is), "did you mean" choices, or an honest
 * "I don't know" with the list of communities; the way to staff where one is offered.
 */
export function questionReplies(parts: QuestionReplyParts): OutMessage[] {
  return replies(parts).map((message) => inAskersScript(message, parts.result));
}

function replies(parts: QuestionReplyParts): OutMessage[] {
  const { result, followUp, t } = parts;
  const lang = result.lang;
  if (result.view) return renderAnswerView(result.view, lang, t, followUp);
  if ((result.outcome === 'answered' || result.outcome === 'likely') && result.entry)
    return [entryReply(parts, result.entry)];
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

/** The answer card, with 👍/👎 when the answer could be remembered. */
function entryReply(parts: QuestionReplyParts, entry: Entry): OutMessage {
  const { result, followUp, t } = parts;
  const lang = result.lang;
  const card = parts.card(entry, lang);
  const feedback = parts.feedbackToken ? [feedbackRow(t, parts.feedbackToken)] : [];
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

/** A reply to someone who wrote in traditional characters, converted to them (buttons included). */
function inAskersScript(message: OutMessage, result: AnswerResult): OutMessage {
  if (!result.traditional || result.lang !== 'zh') return message;
  return {
    ...message,
    html: inScript(message.html, result),
    buttons: message.buttons?.map((row) => row.map((b) => ({ ...b, text: inScript(b.text, result) }))),
  };
}
