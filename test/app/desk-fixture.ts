import { join } from 'node:path';
import { pino } from 'pino';
import { createInMemoryLanguagePreferences } from '../../src/app/language-preferences.js';
import { composeDesk, type ComposeDeskOptions } from '../../src/app/compose-desk.js';
import type { DeskInput } from '../../src/app/desk-input.js';
import type { Sender } from '../../src/app/types.js';
import { buildSnapshot } from '../../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile } from '../../src/core/knowledge-base/load.js';
import { createKnowledgeStore } from '../../src/core/knowledge-base/store.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { projectRoot } from '../../src/project-root.js';

async function loadShipped() {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
  if (!loaded.ok) throw new Error('shipped knowledge base is invalid');
  return createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage: 'en' }));
}
let shipped: ReturnType<typeof loadShipped> | undefined;

/** The shipped knowledge base, loaded once per test file. */
export const shippedStore = () => (shipped ??= loadShipped());

export const translate = createTranslator();

/** A desk with the real features, in-memory preferences and a logger that keeps its records. */
export async function testDesk(overrides: Partial<ComposeDeskOptions> = {}) {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const preferences = createInMemoryLanguagePreferences();
  const desk = composeDesk({
    store: await shippedStore(),
    translate,
    preferences,
    defaultLanguage: 'en',
    logger,
    ...overrides,
  });
  return { desk, preferences, logs };
}

let nextUpdate = 1;
export const sender = (over: Partial<Sender> = {}): Sender => ({
  channel: 'telegram',
  userId: 42,
  chatId: 42,
  chatType: 'private',
  firstName: 'Ada',
  ...over,
});

export const text = (s: Sender, body: string): DeskInput => ({
  kind: 'text',
  updateId: nextUpdate++,
  sender: s,
  text: { text: body, messageId: 1 },
});
export const command = (s: Sender, name: string, args = ''): DeskInput => ({
  kind: 'command',
  updateId: nextUpdate++,
  sender: s,
  command: { name, args, messageId: 1 },
});
export const tap = (s: Sender, data: string): DeskInput => ({
  kind: 'callback',
  updateId: nextUpdate++,
  sender: s,
  callback: { data, messageId: 7 },
});
