import { z } from 'zod';
import { LANGUAGES, type Language } from '../language/languages.js';
import { describeType, isHttpUrl, ISO_DATE, isIsoDate } from './value-rules.js';

/**
 * The building blocks of the knowledge-base schema, each with the messages kb:check prints after
 * `entry <id>: <field>: `: "is missing", "must be a string, got a number", "is empty"... The checks that JSON Schema
 * can express (types, required and unknown fields, lists, patterns, lengths) are written as zod checks, so that
 * the generated JSON Schema has them too; the finer rules (real calendar dates, addresses URL parsing accepts)
 * are refinements on top, which only kb:check and reload apply.
 */

/** The part of a zod issue the messages read. */
interface Issue {
  readonly code?: string;
  readonly input?: unknown;
}

/** "is missing" for an absent value, otherwise "must be <what>, got <what the value is>". */
export function wrongType(what: string): (issue: Issue) => string {
  return (issue) =>
    issue.input === undefined ? 'is missing' : `must be ${what}, got ${describeType(issue.input)}`;
}

/** A value as quoted in a message: a string in quotes, anything else by its type. */
function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : describeType(value);
}

/**
 * An object with exactly `shape`'s fields: any other key is reported, so that a typo (`relatd`) is not silently
 * ignored. `what` names the object for a value of another type.
 */
export function fieldsObject<Shape extends z.ZodRawShape>(shape: Shape, what: string) {
  const expected = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `is not a known field (expected: ${expected})`
        : wrongType(what)(issue),
  });
}

/** A string with a visible character: one that trim() keeps, which is what `\S` matches. */
export const text = (): z.ZodString =>
  z.string({ error: wrongType('a string') }).regex(/\S/, { error: 'is empty', abort: true });

/** true or false. */
export const flag = (): z.ZodBoolean => z.boolean({ error: wrongType('true or false') });

/** A list of texts, such as aliases or related ids. */
export const textList = (): z.ZodArray<z.ZodString> =>
  z.array(text(), { error: wrongType('an array of strings') });

const LANGUAGE_LIST = LANGUAGES.join(', ');

/** One value per language the desk speaks (en, zh, de, fr), each required, no other key. */
export function localized<Value extends z.ZodType>(value: Value) {
  const shape = Object.fromEntries(LANGUAGES.map((language) => [language, value])) as Record<Language, Value>;
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `is not one of the languages ${LANGUAGE_LIST}`
        : wrongType(`an object with ${LANGUAGE_LIST}`)(issue),
  });
}

/** One of a fixed list of words. */
export function oneOf<const Words extends readonly [string, ...string[]]>(words: Words) {
  return z.enum(words, {
    error: (issue) =>
      issue.input === undefined
        ? 'is missing'
        : `must be one of ${words.join(', ')}, got ${quoted(issue.input)}`,
  });
}

/** A whole number from `min`. */
export function wholeNumberFrom(min: number): z.ZodInt {
  const message = (issue: Issue): string =>
    issue.input === undefined
      ? 'is missing'
      : `must be a whole number from ${min}, got ${typeof issue.input === 'number' ? String(issue.input) : describeType(issue.input)}`;
  return z.int({ error: message }).min(min, { error: message });
}

const notRealDate = (issue: Issue): string =>
  `must be a real date written YYYY-MM-DD or YYYY-MM, got ${quoted(issue.input)}`;

/** A real calendar date written YYYY-MM-DD, or a month written YYYY-MM. */
export const isoDate = (): z.ZodString =>
  z
    .string({ error: wrongType('a date written YYYY-MM-DD or YYYY-MM') })
    .regex(ISO_DATE, { error: notRealDate, abort: true })
    .refine(isIsoDate, { error: notRealDate });

const notHttpUrl = (issue: Issue): string =>
  `must be an http:// or https:// address, got ${quoted(issue.input)}`;

/** An absolute http: or https: address with a host. */
export const httpUrl = (): z.ZodString =>
  text()
    .regex(/^https?:\/\//i, { error: notHttpUrl, abort: true })
    .refine(isHttpUrl, { error: notHttpUrl });
