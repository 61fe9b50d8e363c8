import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { buildSnapshot } from '../../../src/core/knowledge-base/build-snapshot.js';
import {
  createKnowledgeStore,
  type SwappableKnowledgeStore,
} from '../../../src/core/knowledge-base/store.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';
import { projectRoot } from '../../../src/project-root.js';

export const silentLog = pino({ level: 'silent' });

/** A fresh copy of the shipped knowledge base, to change freely. */
export async function shippedKb(): Promise<KnowledgeBase> {
  return JSON.parse(await readFile(join(projectRoot(), 'data/knowledge-base.json'), 'utf8')) as KnowledgeBase;
}

/**
 * The shipped knowledge base as a next version: the `funding` answer reworded in every language, `batches`
 * removed (and with it every `related` link to it), and a new `incubators` entry.
 */
export async function nextKb(version = 'next-version.1'): Promise<KnowledgeBase> {
  const kb = await shippedKb();
  kb.version = version;
  const funding = kb.entries.find((entry) => entry.id === 'funding')!;
  for (const lang of ['en', 'zh', 'de', 'fr'] as const)
    funding.answer[lang] = `NEW ANSWER (${lang}): ${funding.answer[lang]}`;
  kb.entries = kb.entries.filter((entry) => entry.id !== 'batches');
  for (const entry of kb.entries) entry.related = entry.related.filter((id) => id !== 'batches');
  const incubators = structuredClone(funding);
  incubators.id = 'incubators';
  incubators.related = [];
  for (const lang of ['en', 'zh', 'de', 'fr'] as const) {
    incubators.title[lang] = `Incubators (${lang})`;
    incubators.answer[lang] = `Incubator answer (${lang}).`;
    incubators.search[lang] = { aliases: ['incubator'], questions: [], keywords: ['incubator'] };
  }
  kb.entries.push(incubators);
  return kb;
}

/** A knowledge base with two mistakes: `funding` lacks its French answer, `seven-elements` has a bad source url. */
export async function invalidKb(): Promise<KnowledgeBase> {
  const kb = await shippedKb();
  kb.version = 'broken.1';
  const funding = kb.entries.find((entry) => entry.id === 'funding')!;
  delete (funding.answer as Partial<Record<string, string>>).fr;
  kb.entries.find((entry) => entry.id === 'seven-elements')!.sources[0]!.url = 'ftp://nowhere';
  return kb;
}

export const kbText = (kb: KnowledgeBase): string => `${JSON.stringify(kb, null, 2)}\n`;

/** A temporary folder holding `knowledge-base.json` with the shipped content. */
export async function kbFolder(): Promise<{ dir: string; kbPath: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-reload-'));
  const kbPath = join(dir, 'knowledge-base.json');
  await writeFile(kbPath, kbText(await shippedKb()));
  return { dir, kbPath, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export function storeFor(kb: KnowledgeBase): SwappableKnowledgeStore {
  return createKnowledgeStore(buildSnapshot(kb, { defaultLanguage: 'en' }));
}

/** A question the shipped knowledge base answers with `funding`. */
export const FUNDING_QUESTION = 'How are the communities funded?';
