import { describe, expect, it } from 'vitest';
import type { KnowledgeSnapshot } from '../../../src/core/knowledge-base/snapshot.js';
import { createKnowledgeStore } from '../../../src/core/knowledge-base/store.js';
import { validKb } from './fixtures.js';

/** A snapshot that answers every question with its own version, enough to tell versions apart. */
function snapshot(version: string): KnowledgeSnapshot {
  const kb = { ...validKb(), version };
  return {
    kb,
    version,
    byId: (id) => kb.entries.find((entry) => entry.id === id),
    list: (kind) => kb.entries.filter((entry) => kind === undefined || entry.kind === kind),
    answer: () => {
      throw new Error(`not needed: ${version}`);
    },
  };
}

describe('createKnowledgeStore', () => {
  it('serves the initial snapshot', () => {
    const first = snapshot('v1');
    expect(createKnowledgeStore(first).current()).toBe(first);
  });

  it('swaps in the next snapshot at once and returns the previous one', () => {
    const first = snapshot('v1');
    const second = snapshot('v2');
    const store = createKnowledgeStore(first);
    const heldByAnUpdate = store.current();

    expect(store.swap(second)).toBe(first);
    expect(store.current()).toBe(second);
    // An update that took its snapshot before the swap finishes on the version it started with.
    expect(heldByAnUpdate.version).toBe('v1');
    expect(store.swap(first)).toBe(second);
    expect(store.current().version).toBe('v1');
  });
});
