import type { KnowledgeSnapshot } from '../../../core/knowledge-base/snapshot.js';
import type { ReadinessCheck } from '../routes/readiness.js';

/**
 * A knowledge base with at least one entry is in service. `current` returns undefined before the first load.
 */
export function knowledgeBaseCheck(current: () => KnowledgeSnapshot | undefined): ReadinessCheck {
  return {
    name: 'knowledge_base',
    async check() {
      const snapshot = current();
      if (!snapshot) throw new Error('no knowledge base loaded yet');
      if (snapshot.kb.entries.length === 0)
        throw new Error(`knowledge base ${snapshot.version} has no entries`);
    },
  };
}
