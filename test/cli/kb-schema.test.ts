import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY_KINDS, knowledgeBaseJsonSchema } from '../../src/core/knowledge-base/schema.js';
import { projectRoot } from '../../src/project-root.js';
import { runCli } from './run-cli.js';

const dataFile = (name: string): string => join(projectRoot(), 'data', name);

describe('npm run kb:schema', () => {
  it('has written the committed data/knowledge-base.schema.json from the current schema', async () => {
    // Fails after a change to schema.ts until `npm run kb:schema` is run and its output committed.
    expect(await readFile(dataFile('knowledge-base.schema.json'), 'utf8')).toBe(knowledgeBaseJsonSchema());
  });

  it('writes the JSON Schema to the file given, and says so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-schema-'));
    try {
      const file = join(dir, 'schema.json');
      const run = await runCli('kb-schema.ts', [file]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^wrote .*schema\.json\n$/);
      const schema = JSON.parse(await readFile(file, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON Schema document
      const entry = schema.properties.entries.items;
      expect(schema.required).toEqual(['version', 'entries']);
      expect(entry.required).toEqual(['id', 'kind', 'title', 'answer', 'search', 'sources', 'related']);
      expect(entry.additionalProperties).toBe(false);
      expect(entry.properties.kind.enum).toEqual([...ENTRY_KINDS]);
      expect(entry.properties.title.required).toEqual(['en', 'zh', 'de', 'fr']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses more than one file with the usage, exit 2', async () => {
    const run = await runCli('kb-schema.ts', ['a.json', 'b.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kb:schema: .+\nusage: npm run kb:schema \[file\]/);
  });

  it('is named by the shipped knowledge base, next to it, for editors', async () => {
    const kb = JSON.parse(await readFile(dataFile('knowledge-base.json'), 'utf8')) as { $schema?: string };
    expect(kb.$schema).toBe('./knowledge-base.schema.json');
  });
});
