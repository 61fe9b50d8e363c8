import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseKnowledgeBase } from '../../../src/core/knowledge-base/load.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';
import { projectRoot } from '../../../src/project-root.js';

/** The path of the small search fixture: eight real entries in four languages. */
export const SMALL_KB_PATH = join(projectRoot(), 'test/fixtures/search/small-kb.json');

/** The small search fixture, validated like the shipped knowledge base. */
export function loadSmallKb(): KnowledgeBase {
  const result = parseKnowledgeBase(readFileSync(SMALL_KB_PATH, 'utf8'));
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.errors)}`);
  return result.kb;
}
