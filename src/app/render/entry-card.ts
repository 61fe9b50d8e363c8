import type { Entry, Source } from '../../core/knowledge-base/schema.js';
import type { Language } from '../../core/language/languages.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import type { BoundTranslate } from '../feature.js';
import { bold, capHtml, link } from './html.js';

/**
 * An entry as one message in `lang`: title, answer, the structured facts it has (lead organisation, city,
 * batch, element, members) and its sources as links with their dates. Escaped and capped for Telegram.
 */
export function renderEntryCard(entry: Entry, lang: Language, t: BoundTranslate): string {
  const parts = [`${bold(entry.title[lang])}\n${escapeHtml(entry.answer[lang])}`];
  const facts = renderFacts(entry, lang, t);
  if (facts.length > 0) parts.push(facts.join('\n'));
  if (entry.sources.length > 0) parts.push(renderSources(entry.sources, t));
  return capHtml(parts.join('\n\n'));
}

function renderFacts(entry: Entry, lang: Language, t: BoundTranslate): string[] {
  const facts = entry.facts;
  if (!facts) return [];
  const lines: string[] = [];
  const line = (labelKey: string, value: string) => lines.push(`${bold(t(labelKey))} ${value}`);
  if (facts.leadOrganisation) line('common:card.lead', escapeHtml(facts.leadOrganisation[lang]));
  if (facts.city) line('common:card.city', escapeHtml(facts.city[lang]));
  if (facts.batch !== undefined)
    line('common:card.batch', t('common:card.batch_value', { batch: facts.batch }));
  if (facts.element) line('common:card.element', t(`common:element.${facts.element}`));
  if (facts.memberCount) {
    const { count, asOf, approximate } = facts.memberCount;
    const value = approximate ? 'common:card.members_approximate_value' : 'common:card.members_value';
    line('common:card.members', t(value, { count, asOf }));
  }
  return lines;
}

function renderSources(sources: Source[], t: BoundTranslate): string {
  const lines = sources.map((source) => {
    const date = source.date ? ` (${escapeHtml(source.date)})` : '';
    return `• ${link(source.url, source.title ?? hostOf(source.url))}${date}`;
  });
  return `${bold(t('common:card.sources'))}\n${lines.join('\n')}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
