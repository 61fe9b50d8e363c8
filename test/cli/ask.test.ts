import { describe, expect, it } from 'vitest';
import { SMALL_KB_PATH } from '../core/search/small-kb.js';
import { runCli } from './run-cli.js';

const KEYS = ['q', 'id', 'outcome', 'confidence', 'lang', 'answer', 'suggestions'];

const lines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('npm run ask', () => {
  it('prints one JSON object a line for each argument, with exactly the documented fields', async () => {
    const run = await runCli('ask.ts', [
      '--json',
      '--kb',
      SMALL_KB_PATH,
      'laser',
      'Wie spät ist es?',
      'materials community',
    ]);
    expect(run.code).toBe(0);
    const [laser, late, materials] = lines(run.stdout);
    for (const line of [laser, late, materials]) expect(Object.keys(line!)).toEqual(KEYS);
    expect(laser).toMatchObject({
      q: 'laser',
      id: 'laser-equipment',
      outcome: 'answered',
      lang: 'en',
      answer: 'Led by the Jinan High-tech Zone centre.',
    });
    expect(laser!.confidence).toBeGreaterThan(0.6);
    expect(late).toMatchObject({ id: null, outcome: 'unknown', lang: 'de', answer: null, suggestions: [] });
    expect(materials).toMatchObject({ id: null, outcome: 'suggested', answer: null });
    expect((materials!.suggestions as string[]).sort()).toEqual(['inorganic-materials', 'polymer-materials']);
  });

  it('reads one question a line from standard input, skipping blank lines', async () => {
    const run = await runCli('ask.ts', ['--json', '--kb', SMALL_KB_PATH], 'laser\n\n激光装备共同体在哪里\n');
    const [laser, chinese] = lines(run.stdout);
    expect(lines(run.stdout)).toHaveLength(2);
    expect(laser).toMatchObject({ id: 'laser-equipment', lang: 'en' });
    expect(chinese).toMatchObject({
      id: 'laser-equipment',
      lang: 'zh',
      answer: '由济南高新区智能装备产业发展中心牵头。',
    });
  });

  it('lets --lang play the Telegram language_code when the text does not tell the language', async () => {
    const run = await runCli('ask.ts', ['--json', '--lang', 'zh-hans', '--kb', SMALL_KB_PATH, 'laser']);
    expect(lines(run.stdout)[0]).toMatchObject({
      id: 'laser-equipment',
      lang: 'zh',
      answer: '由济南高新区智能装备产业发展中心牵头。',
    });
  });

  it('prints the reply as a person reads it without --json, in the reply language', async () => {
    const run = await runCli('ask.ts', [
      '--kb',
      SMALL_KB_PATH,
      'laser',
      'materials community',
      'Wie spät ist es?',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Laser Equipment Community\nLed by the Jinan High-tech Zone centre.');
    expect(run.stdout).toContain(
      'Sources:\n- Select Shandong: https://en.selectshandong.com/syzx/ywxx/9435.shtml (2019-11-14)',
    );
    expect(run.stdout).toContain('Did you mean:');
    expect(run.stdout).toContain('[polymer-materials]');
    expect(run.stdout).toContain('Das weiß ich noch nicht.');
  });

  it('fails with exit code 1 and one line per problem for a knowledge base that is not valid', async () => {
    const run = await runCli('ask.ts', [
      '--json',
      '--kb',
      'test/fixtures/knowledge-base/invalid-json.txt',
      'laser',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^ask: json: invalid JSON at line \d+, column \d+/);
  });

  it('rejects an unknown option with exit code 2 and the usage', async () => {
    const run = await runCli('ask.ts', ['--jsn', 'laser']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --jsn');
    expect(run.stderr).toContain('usage: npm run ask');
  });

  it('names DEFAULT_LANGUAGE in one line when it is not a language of the desk', async () => {
    const run = await runCli('ask.ts', ['--kb', SMALL_KB_PATH, 'laser'], '', { DEFAULT_LANGUAGE: 'es' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('DEFAULT_LANGUAGE has an invalid value: must be one of en, zh, de, fr');
  });
});
