import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFileAtomically } from '../../../src/app/reload/replace-file.js';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'desk-replace-'));
  path = join(dir, 'kb.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('replaceFileAtomically', () => {
  it('creates a missing file without a backup', async () => {
    expect(await replaceFileAtomically(path, 'one')).toEqual({ written: true, backupPath: null });
    expect(await readFile(path, 'utf8')).toBe('one');
    expect(await readdir(dir)).toEqual(['kb.json']);
  });

  it('keeps the previous content as <file>.bak, leaves no temporary file and keeps the mode', async () => {
    await writeFile(path, 'one');
    await chmod(path, 0o640);
    expect(await replaceFileAtomically(path, 'two')).toEqual({ written: true, backupPath: `${path}.bak` });
    await replaceFileAtomically(path, 'three');
    expect(await readFile(path, 'utf8')).toBe('three');
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('two');
    expect((await readdir(dir)).sort()).toEqual(['kb.json', 'kb.json.bak']);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
  });

  it('does not touch the file or its backup when the content is the same', async () => {
    await writeFile(path, 'one');
    await replaceFileAtomically(path, 'two');
    expect(await replaceFileAtomically(path, 'two')).toEqual({ written: false, backupPath: null });
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('one');
  });
});
