import type { Language, Localized } from '../language/languages.js';

export const ENTRY_KINDS = ['community', 'programme', 'policy', 'organisation', 'faq'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** The seven elements of 政产学研金服用; a community's lead emphasises one of them. */
export const ELEMENTS = [
  'government',
  'industry',
  'academia',
  'research',
  'finance',
  'services',
  'application',
] as const;
export type Element = (typeof ELEMENTS)[number];

export interface Source {
  url: string;
  /** ISO date (YYYY-MM-DD or YYYY-MM) of the page, when the page has one. */
  date?: string;
  title?: string;
}

/** Words people may type for an entry, per language. Only these short fields are indexed, never answers. */
export interface SearchMaterial {
  aliases: string[];
  questions: string[];
  keywords: string[];
}

/** Structured facts shown on an entry's card; each is optional because facts.md does not know all of them. */
export interface EntryFacts {
  leadOrganisation?: Localized<string>;
  city?: Localized<string>;
  batch?: number;
  element?: Element;
  memberCount?: { count: number; asOf: string };
}

export interface Entry {
  id: string;
  kind: EntryKind;
  title: Localized<string>;
  answer: Localized<string>;
  search: Localized<SearchMaterial>;
  facts?: EntryFacts;
  sources: Source[];
  related: string[];
}

export interface KnowledgeBase {
  /** Changes whenever the content changes; shown by /kb and in reload reports. */
  version: string;
  entries: Entry[];
}

export type { Language };
