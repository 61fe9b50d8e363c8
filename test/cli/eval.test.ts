import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_KB_PATH } from '../core/search/small-kb.js';
import { runCli } from './run-cli.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-eval-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function questionsFile(lines: object[]): Promise<string> {
  const path = join(dir, `q-${Math.random().toString(36).slice(2)}.jsonl`);
  await writeFile(path, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return path;
}

describe('npm run eval', () => {
  it('prints each miss on one line and ends with exactly the three figure lines', async () => {
    const file = await questionsFile([
      { q: 'laser', lang: 'en', expect: 'laser-equipment' },
      { q: 'polimer comunity', lang: 'en', expect: ['polymer-materials', 'inorganic-materials'] },
      { q: 'funding', lang: 'de', user_lang: 'de-AT', expect: 'funding' },
      { q: 'materials community', lang: 'en', expect: 'polymer-materials' },
      { q: 'Wie spät ist es?', lang: 'de', expect: null },
      { q: 'laser', lang: 'fr', expect: null },
    ]);
    const run = await runCli('eval.ts', [file, '--kb', SMALL_KB_PATH]);
    expect(run.code).toBe(0);
    const out = run.stdout.trim().split('\n');
    expect(out.slice(-3)).toEqual([
      'top-1 accuracy: 0.750 (3/4)',
      'out-of-scope answered confidently: 0.500 (1/2)',
      'reply-language accuracy: 0.833 (5/6)',
    ]);
    const misses = out.slice(0, -3);
    expect(misses).toHaveLength(3);
    expect(misses[0]).toMatch(
      /^miss not-answered line 4: "materials community": expected polymer-materials, got suggested/,
    );
    expect(misses[1]).toMatch(
      /^miss out-of-scope-answered line 6: "laser": expected out of scope, got answered laser-equipment/,
    );
    expect(misses[2]).toBe('miss language line 6: "laser": reply language en, expected fr');
  });

  it('names the bad line of a questions file and exits with 1', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(
      file,
      '{"q":"laser","lang":"en","expect":"laser-equipment"}\n{"q":"x","lang":"es","expect":null}\n',
    );
    const run = await runCli('eval.ts', [file, '--kb', SMALL_KB_PATH]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 2: "lang" must be one of en, zh, de, fr');
  });

  it('asks for exactly one file', async () => {
    const run = await runCli('eval.ts', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give exactly one questions file');
  });
});
