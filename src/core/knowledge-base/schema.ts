import { z } from 'zod';
import { escapedHtmlLength } from './escaped-length.js';
import {
  fieldsObject,
  flag,
  httpUrl,
  isoDate,
  localized,
  oneOf,
  text,
  textList,
  wholeNumberFrom,
  wrongType,
} from './schema-fields.js';

/**
 * The knowledge-base file, written once: `validateKnowledgeBase` checks a file against it, the TypeScript types
 * below are inferred from it, and `npm run kb:schema` turns it into data/knowledge-base.schema.json for editors.
 * Fields are checked, and reported, in the order they are declared here.
 */

export const ENTRY_KINDS = ['community', 'programme', 'policy', 'organisation', 'faq'] as const;

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

/**
 * The longest answer accepted, counted after HTML escaping. The answer is shown in a card together with its title
 * and sources, and the whole message must stay under Telegram's 4096 characters.
 */
export const MAX_ANSWER_ESCAPED_LENGTH = 3000;

/** Ids travel in callback data (64 bytes in all, with a version and an action), so they must stay short. */
export const MAX_ID_LENGTH = 40;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const entryId = text()
  .regex(KEBAB_CASE, {
    error: 'must be kebab-case (lowercase letters and digits joined by single hyphens)',
    abort: true,
  })
  .max(MAX_ID_LENGTH, {
    error: (issue) =>
      `is ${String(issue.input).length} characters long, at most ${MAX_ID_LENGTH} (ids travel in button data)`,
  });

const answerTooLong = (issue: { input?: unknown }): string =>
  `is too long for Telegram: ${escapedHtmlLength(String(issue.input))} characters after HTML escaping, at most ${MAX_ANSWER_ESCAPED_LENGTH}`;

/** Escaping only lengthens a text, so a longer one is refused before it is measured escaped. */
const answerText = text()
  .max(MAX_ANSWER_ESCAPED_LENGTH, { error: answerTooLong, abort: true })
  .refine((answer) => escapedHtmlLength(answer) <= MAX_ANSWER_ESCAPED_LENGTH, { error: answerTooLong });

const localizedText = localized(text());

/** Words people may type for an entry, in one language. Only these short fields are indexed, never answers. */
const searchMaterialSchema = fieldsObject(
  {
    aliases: textList().describe('Names of the entry: short forms, abbreviations, other spellings.'),
    questions: textList().describe('Questions people ask that this entry answers.'),
    keywords: textList().describe('Single words or short phrases that point to this entry.'),
  },
  'an object with aliases, questions, keywords',
).refine((material) => material.aliases.length + material.questions.length + material.keywords.length > 0, {
  error: 'has no aliases, questions or keywords, so nobody can find the entry in this language',
});

/** Structured facts shown on an entry's card; each is optional because the sources do not give all of them. */
const entryFactsSchema = fieldsObject(
  {
    leadOrganisation: localizedText.optional(),
    city: localizedText.optional(),
    batch: wholeNumberFrom(1).optional().describe('The batch in which the community was approved.'),
    element: oneOf(ELEMENTS).optional().describe('The element of 政产学研金服用 the community emphasises.'),
    memberCount: fieldsObject(
      {
        count: wholeNumberFrom(0),
        asOf: isoDate().describe('YYYY-MM-DD or YYYY-MM'),
        approximate: flag()
          .optional()
          .describe('True when the source gives the count as approximate ("about 20"); shown as "about 20".'),
      },
      'an object with count, asOf and approximate',
    ).optional(),
  },
  'an object',
);

const sourceSchema = fieldsObject(
  {
    url: httpUrl().describe('An http:// or https:// address.'),
    date: isoDate().optional().describe("The page's date, YYYY-MM-DD or YYYY-MM, when it has one."),
    title: text().optional(),
  },
  'an object with url, date, title',
);

const entrySchema = fieldsObject(
  {
    id: entryId.describe(
      `Unique, kebab-case, at most ${MAX_ID_LENGTH} characters; never change it once published (buttons carry it).`,
    ),
    kind: oneOf(ENTRY_KINDS).describe('What the entry describes; /communities lists the community entries.'),
    title: localizedText.describe("The entry's name per language, shown on its card."),
    answer: localized(answerText).describe(
      `The answer card's text per language, at most ${MAX_ANSWER_ESCAPED_LENGTH} characters after HTML escaping.`,
    ),
    search: localized(searchMaterialSchema).describe(
      'Per language, the words people may type for this entry; only these are searched, never answers.',
    ),
    facts: entryFactsSchema.optional(),
    sources: z
      .array(sourceSchema, { error: wrongType('an array of sources') })
      .min(1, { error: 'must list at least one source' })
      .describe('The pages the answer comes from, at least one; shown on the card.'),
    related: textList().describe('Ids of other entries, offered as buttons under the answer.'),
  },
  'an object',
);

/** The fields of an entry, in the order they are checked. */
export const ENTRY_FIELDS: readonly string[] = Object.keys(entrySchema.shape);

export const knowledgeBaseSchema = fieldsObject(
  {
    $schema: z
      .string({ error: wrongType('a string') })
      .optional()
      .describe('The JSON Schema of this file, for editors: "./knowledge-base.schema.json".'),
    version: text().describe('Change it whenever the content changes; shown by /kb and in reload reports.'),
    entries: z
      .array(entrySchema, { error: wrongType('an array of entries') })
      .min(1, { error: 'must hold at least one entry' }),
  },
  'a JSON object with version and entries',
).meta({ title: 'Community Desk knowledge base' });

export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Element = (typeof ELEMENTS)[number];
export type Source = z.infer<typeof sourceSchema>;
export type SearchMaterial = z.infer<typeof searchMaterialSchema>;
export type EntryFacts = z.infer<typeof entryFactsSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;

/**
 * The JSON Schema of the knowledge-base file (draft-07, which editors know best), as written to
 * data/knowledge-base.schema.json: types, required and unknown fields, kinds, patterns and lengths. The rules
 * JSON Schema cannot state (real dates, answers measured after escaping, ids used once and referred to) are
 * kb:check's alone.
 */
export function knowledgeBaseJsonSchema(): string {
  const schema = z.toJSONSchema(knowledgeBaseSchema, { target: 'draft-07', io: 'input' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
