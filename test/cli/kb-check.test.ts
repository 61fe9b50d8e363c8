import { execFile } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

const root = projectRoot();
const fixture = (name: string): string => `test/fixtures/knowledge-base/${name}`;

interface Run {
  code: number;
  stdout: string[];
  stderr: string;
}

/** Runs `npx tsx src/cli/kb-check.ts ...args` from the project root (or tsx itself from `cwd`) and collects its output lines. */
async function kbCheck(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  const script = join(root, 'src/cli/kb-check.ts');
  // npx finds the project's tsx only from inside the project; elsewhere call its binary directly.
  const [command, ...prefix] = options.cwd ? [join(root, 'node_modules/.bin/tsx')] : ['npx', 'tsx'];
  try {
    const { stdout, stderr } = await promisify(execFile)(command!, [...prefix, script, ...args], {
      cwd: options.cwd ?? root,
      env: { ...withoutKbPath(process.env), ...options.env },
    });
    return { code: 0, stdout: stdout.trimEnd().split('\n'), stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout.trimEnd().split('\n'), stderr: failed.stderr };
  }
}

/** The caller's KB_PATH must not leak into the runs (and an empty one would shadow a .env file). */
function withoutKbPath(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { KB_PATH: _ignored, ...rest } = env;
  return rest;
}

describe('npm run kb:check', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-check-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says a valid file is valid, with its version and counts per language, and exits 0', async () => {
    const run = await kbCheck([fixture('valid.json')]);
    expect(run).toEqual({
      code: 0,
      stdout: [`${fixture('valid.json')}: valid, version 2024-06-01.1, 3 entries (en 3, zh 3, de 3, fr 3)`],
      stderr: '',
    });
  });

  it('finds the shipped data/knowledge-base.json valid, its $schema included', async () => {
    const run = await kbCheck(['data/knowledge-base.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toEqual([expect.stringMatching(/^data\/knowledge-base\.json: valid, version /)]);
  });

  it('prints each error on its own line, then a summary, and exits 1', async () => {
    const run = await kbCheck([fixture('invalid-entries.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([
      'version: is empty',
      'entry laser-equipment: answer.fr: is missing',
      'entry laser-equipment: sources[0].url: must be an http:// or https:// address, got "ftp://example.org/laser"',
      'entry laser-equipment: related[0]: refers to an unknown entry "no-such-entry"',
      `${fixture('invalid-entries.json')}: invalid, 4 errors`,
    ]);
  });

  it('gives the line and column of a JSON syntax error', async () => {
    const run = await kbCheck([fixture('invalid-json.txt')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([
      "json: invalid JSON at line 4, column 16: trailing comma before '}'",
      `${fixture('invalid-json.txt')}: invalid, 1 error`,
    ]);
  });

  it('refuses JSON nested 100,000 levels deep, naming where, and exits 1', async () => {
    const deep = join(dir, 'deep.json');
    await writeFile(deep, '['.repeat(100_000));
    const run = await kbCheck([deep]);
    expect(run).toEqual({
      code: 1,
      stdout: [
        'json: nested too deeply at line 1, column 65 (more than 64 levels of [ and {)',
        `${deep}: invalid, 1 error`,
      ],
      stderr: '',
    });
  });

  it('refuses a file over 64 MB without reading it, and exits 1', async () => {
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '');
    await truncate(huge, 65 * 1024 * 1024); // sparse: no disk space used
    const run = await kbCheck([huge]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([
      `file: ${huge} is over 64 MB, the most it may be`,
      `${huge}: invalid, 1 error`,
    ]);
  });

  it('reports a missing file in one line, without a stack trace', async () => {
    const run = await kbCheck(['no/such/kb.json']);
    expect(run).toEqual({
      code: 1,
      stdout: ['file: no/such/kb.json does not exist', 'no/such/kb.json: invalid, 1 error'],
      stderr: '',
    });
  });

  it('checks KB_PATH when no file is given', async () => {
    const run = await kbCheck([], { env: { KB_PATH: fixture('valid.json') } });
    expect(run.code).toBe(0);
    expect(run.stdout[0]).toMatch(/^test\/fixtures\/knowledge-base\/valid\.json: valid/);
  });

  it('defaults to data/knowledge-base.json in the working directory', async () => {
    const run = await kbCheck([], { cwd: dir });
    expect(run.stdout).toEqual([
      'file: data/knowledge-base.json does not exist',
      'data/knowledge-base.json: invalid, 1 error',
    ]);
  });

  it('reads KB_PATH from .env in the working directory', async () => {
    const envDir = await mkdtemp(join(tmpdir(), 'kb-check-env-'));
    try {
      await writeFile(join(envDir, '.env'), `KB_PATH=${join(root, fixture('valid.json'))}\n`);
      const run = await kbCheck([], { cwd: envDir });
      expect(run.code).toBe(0);
      expect(run.stdout[0]).toMatch(/valid\.json: valid, version 2024-06-01\.1/);
    } finally {
      await rm(envDir, { recursive: true, force: true });
    }
  });

  it.each([[['a.json', 'b.json']], [['--strict']]])('exits 2 with the usage on %j', async (args) => {
    const run = await kbCheck(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual(['']);
    expect(run.stderr).toMatch(/^kb:check: .+\nusage: npm run kb:check \[file\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
