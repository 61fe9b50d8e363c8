import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/project-root.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';

export const fixturePath = (name: string): string =>
  join(projectRoot(), 'test/fixtures/knowledge-base', name);

/** A fresh copy of the valid three-entry fixture, to mutate freely. */
export function validKb(): KnowledgeBase {
  return JSON.parse(readFileSync(fixturePath('valid.json'), 'utf8')) as KnowledgeBase;
}
