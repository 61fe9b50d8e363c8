import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root.js';
import { runCli } from './run-cli.js';

const shipped = join(projectRoot(), 'data/knowledge-base.json');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-workbook-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Changes a workbook file as an admin would in Excel. */
async function edit(path: string, change: (workbook: ExcelJS.Workbook) => void): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  change(workbook);
  await workbook.xlsx.writeFile(path);
}

describe('npm run kb:export and kb:import', () => {
  it('export then import writes the shipped file back byte for byte, and lists no change', async () => {
    const workbook = join(dir, 'same.xlsx');
    const out = join(dir, 'same.json');
    await writeFile(out, await readFile(shipped));

    const exported = await runCli('kb-export.ts', [workbook, '--from', shipped]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(
      `${workbook}: written from ${shipped}, version 2026-12-07.1, 27 entries`,
    );

    const imported = await runCli('kb-import.ts', [workbook, '--out', out]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('added (0): -\nremoved (0): -\nchanged (0): -\n');
    expect(imported.stdout).toContain(`${out}: unchanged`);
    expect(await readFile(out, 'utf8')).toBe(await readFile(shipped, 'utf8'));
  });

  it('prints the ids added, removed and changed, writes the file and keeps the old one', async () => {
    const workbook = join(dir, 'edited.xlsx');
    const out = join(dir, 'edited.json');
    await writeFile(out, await readFile(shipped));
    await runCli('kb-export.ts', [workbook, '--from', shipped]);
    await edit(workbook, (book) => {
      const entries = book.getWorksheet('entries')!;
      entries.getCell('G7').value = 'A new English answer.'; // answer.en of funding, row 7
      entries.getCell('A27').value = 'bearings'; // an entry no other refers to, renamed
      book.getWorksheet('sources')!.eachRow((row) => {
        if (row.getCell(1).value === 'bearing-manufacturing') row.getCell(1).value = 'bearings';
      });
      book.getWorksheet('read-me')!.getCell('B1').value = '2027-01-01.1';
    });

    const imported = await runCli('kb-import.ts', [workbook, '--out', out]);

    expect(imported.stdout).toContain(
      'added (1): bearings\nremoved (1): bearing-manufacturing\nchanged (1): funding\n',
    );
    expect(imported.stdout).toContain(`the previous file kept as ${out}.bak`);
    expect(imported.code).toBe(0);
    const written = JSON.parse(await readFile(out, 'utf8'));
    expect(written.version).toBe('2027-01-01.1');
    expect(written.entries[5].answer.en).toBe('A new English answer.');
    expect(await readFile(`${out}.bak`, 'utf8')).toBe(await readFile(shipped, 'utf8'));
  });

  it('refuses a workbook with mistakes, naming each cell, and writes nothing', async () => {
    const workbook = join(dir, 'broken.xlsx');
    const out = join(dir, 'broken.json');
    await writeFile(out, await readFile(shipped));
    await runCli('kb-export.ts', [workbook, '--from', shipped]);
    await edit(workbook, (book) => {
      book.getWorksheet('entries')!.getCell('E14').value = null;
    });

    const imported = await runCli('kb-import.ts', [workbook, '--out', out]);

    expect(imported.code).toBe(1);
    expect(imported.stdout).toBe(
      `entries!E14: title.de: is missing\n${workbook}: invalid, 1 error; ${out} not written\n`,
    );
    expect(await readFile(out, 'utf8')).toBe(await readFile(shipped, 'utf8'));
  });

  it.each([
    ['kb-export.ts', []],
    ['kb-export.ts', ['kb.json']],
    ['kb-import.ts', ['a.xlsx', 'b.xlsx']],
    ['kb-import.ts', ['a.xlsx', '--out']],
  ])('%s exits 2 with the usage on %j', async (script, args) => {
    const run = await runCli(script, args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run kb:');
  });
});
