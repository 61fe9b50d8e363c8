import type { AnswerView } from '../../core/answer/answer-view.js';
import type { Entry } from '../../core/knowledge-base/schema.js';
import type { Language } from '../../core/language/languages.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import { ACTIONS } from '../callback-actions.js';
import type { BoundTranslate } from '../feature.js';
import type { Button, OutMessage } from '../types.js';
import { renderEntryCard } from './entry-card.js';
import { bold, capHtml, MAX_MESSAGE_CHARS, visibleLength } from './html.js';
import { button, rows } from './keyboard.js';

/** Entries a city list shows with a button each; a province-wide list would be a browse, not an answer. */
const MAX_LISTED = 10;

/** One line of a list: the title in bold, then the lead organisation and batch where the facts have them. */
function listLine(entry: Entry, lang: Language, t: BoundTranslate): string {
  const facts = entry.facts;
  const details = [
    facts?.leadOrganisation ? escapeHtml(facts.leadOrganisation[lang]) : null,
    facts?.batch !== undefined ? t('common:card.batch_value', { batch: facts.batch }) : null,
  ].filter((part): part is string => part !== null);
  return `• ${bold(entry.title[lang])}${details.length > 0 ? `: ${details.join(', ')}` : ''}`;
}

function renderList(view: Extract<AnswerView, { kind: 'list' }>, lang: Language, t: BoundTranslate) {
  const shown = view.entries.slice(0, MAX_LISTED);
  const html = [
    t('question:list.title', { city: view.city[lang], count: view.entries.length }),
    ...shown.map((entry) => listLine(entry, lang, t)),
    '',
    t('question:list.footer'),
  ].join('\n');
  const open = shown.map((entry) => button(entry.title[lang], ACTIONS.answerEntry, entry.id, 'n', lang));
  return [{ html: capHtml(html), buttons: rows(open) }];
}

/** Both cards under one heading; as two messages when together they would pass Telegram's limit. */
function renderCompare(view: Extract<AnswerView, { kind: 'compare' }>, lang: Language, t: BoundTranslate) {
  const [first, second] = view.entries;
  const title = t('question:compare.title', { first: first.title[lang], second: second.title[lang] });
  const firstCard = renderEntryCard(first, lang, t);
  const secondCard = renderEntryCard(second, lang, t);
  const together = `${title}\n\n${firstCard}\n\n———\n\n${secondCard}`;
  if (visibleLength(together) <= MAX_MESSAGE_CHARS) return [{ html: together }];
  return [{ html: capHtml(`${title}\n\n${firstCard}`) }, { html: secondCard }];
}

/**
 * The honest contact reply: no contact details are on file (the knowledge base holds none, and none is made
 * up), the lead organisation where known, a button to the entry's card and, when offered, the way to staff.
 */
function renderContact(
  view: Extract<AnswerView, { kind: 'contact' }>,
  lang: Language,
  t: BoundTranslate,
  followUp: Button | null,
) {
  const { entry } = view;
  const lead = entry.facts?.leadOrganisation?.[lang];
  const html = [
    t('question:contact.none', { title: entry.title[lang] }),
    lead ? t('question:contact.lead', { lead }) : null,
    followUp ? t('question:contact.staff') : null,
  ]
    .filter((line): line is string => line !== null)
    .join(' ');
  const card = button(entry.title[lang], ACTIONS.answerEntry, entry.id, 'n', lang);
  return [{ html, buttons: rows([card, followUp]) }];
}

/** A list, comparison or contact reply from the entries' facts, in `lang`. */
export function renderAnswerView(
  view: AnswerView,
  lang: Language,
  t: BoundTranslate,
  followUp: Button | null,
): OutMessage[] {
  if (view.kind === 'list') return renderList(view, lang, t);
  if (view.kind === 'compare') return renderCompare(view, lang, t);
  return renderContact(view, lang, t, followUp);
}
