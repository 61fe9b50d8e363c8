import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/project-root.js';
import { formatKbError } from '../../../src/core/knowledge-base/load.js';
import { validateKnowledgeBase } from '../../../src/core/knowledge-base/validate.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';

export const fixturePath = (name: string): string =>
  join(projectRoot(), 'test/fixtures/knowledge-base', name);

/** A fresh copy of the valid three-entry fixture, to mutate freely. */
export function validKb(): KnowledgeBase {
  return JSON.parse(readFileSync(fixturePath('valid.json'), 'utf8')) as KnowledgeBase;
}

/** A knowledge base as raw JSON, which the tests break into shapes no type allows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, mutated freely
export type RawKb = Record<string, any>;

/** Validates the valid fixture after `mutate` and returns the error lines a person would read. */
export function errorLines(mutate: (kb: RawKb) => void): string[] {
  const kb = validKb() as unknown as RawKb;
  mutate(kb);
  const result = validateKnowledgeBase(kb);
  return result.ok ? [] : result.errors.map(formatKbError);
}
