import type { Entry } from '../../core/knowledge-base/schema.js';
import type { Language } from '../../core/language/languages.js';
import { ACTIONS } from '../callback-actions.js';
import type { BoundTranslate, DeskContext } from '../feature.js';
import type { Button, OutMessage } from '../types.js';
import { renderEntryCard } from './entry-card.js';
import { button, rows } from './keyboard.js';

/** Related entries offered under an answer. */
const MAX_RELATED = 3;

/** Callback actions of the 👍/👎 buttons: rate args [token, 'u' | 'd']; thanks (the button left after a rating). */
export const FEEDBACK_ACTIONS = { rate: 'fb', thanks: 'fk' } as const;

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

/** The 👍 / 👎 row under an answer remembered under `token`. */
export function feedbackRow(t: BoundTranslate, token: string): Button[] {
  return [
    button(t('question:feedback.up'), FEEDBACK_ACTIONS.rate, token, 'u'),
    button(t('question:feedback.down'), FEEDBACK_ACTIONS.rate, token, 'd'),
  ];
}
