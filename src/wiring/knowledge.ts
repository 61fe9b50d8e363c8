import type { Config } from '../config/env.js';
import { buildSnapshot } from '../core/knowledge-base/build-snapshot.js';
import { formatKbError, loadKnowledgeBaseFile } from '../core/knowledge-base/load.js';
import { createKnowledgeStore, type SwappableKnowledgeStore } from '../core/knowledge-base/store.js';
import { StartupError } from './read-config.js';

/** Loads KB_PATH at start-up; an invalid file lists every error and stops the process (exit 1). */
export async function loadKnowledgeStore(config: Config): Promise<SwappableKnowledgeStore> {
  const loaded = await loadKnowledgeBaseFile(config.KB_PATH);
  if (!loaded.ok) {
    const lines = loaded.errors.map((e) => `  ${formatKbError(e)}`);
    throw new StartupError([`${config.KB_PATH} is not a valid knowledge base:`, ...lines], 1);
  }
  return createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage: config.DEFAULT_LANGUAGE }));
}
