import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { generateKnowledgeBase } from '../../../bench/support/generate-kb.js';
import { readKnowledgeBaseWorkbook } from '../../../src/adapters/xlsx/read-knowledge-base.js';
import { knowledgeBaseWorkbook } from '../../../src/adapters/xlsx/write-knowledge-base.js';
import { formatKbError } from '../../../src/core/knowledge-base/load.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base/schema.js';
import { shippedKb } from '../../app/reload/support.js';

/** Exports `kb`, lets `edit` change the workbook as an admin would in Excel, and reads it back. */
async function roundTrip(kb: KnowledgeBase, edit?: (workbook: ExcelJS.Workbook) => void) {
  const bytes = await knowledgeBaseWorkbook(kb);
  if (!edit) return readKnowledgeBaseWorkbook(bytes);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  edit(workbook);
  return readKnowledgeBaseWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function errorLines(edit: (workbook: ExcelJS.Workbook) => void): Promise<string[]> {
  const result = await roundTrip(await shippedKb(), edit);
  return result.ok ? [] : result.errors.map(formatKbError);
}

const entries = (workbook: ExcelJS.Workbook) => workbook.getWorksheet('entries')!;
const sources = (workbook: ExcelJS.Workbook) => workbook.getWorksheet('sources')!;

describe('the knowledge base as a workbook', () => {
  it('gives back the shipped knowledge base exactly after export and import', async () => {
    const kb = await shippedKb();
    expect(await roundTrip(kb)).toEqual({ ok: true, kb });
  });

  it('gives back a generated knowledge base of 1,000 entries exactly', async () => {
    const { kb } = generateKnowledgeBase(1_000, 11, await shippedKb());
    const result = await roundTrip(kb);
    expect(result).toEqual({ ok: true, kb: { $schema: './knowledge-base.schema.json', ...kb } });
  });

  it('names every problem by the cell an admin finds it in', async () => {
    const lines = await errorLines((workbook) => {
      entries(workbook).getCell('E14').value = null; // title.de of the 13th entry
      entries(workbook).getCell('B3').value = 'program';
      sources(workbook).getCell('B4').value = 'ftp://nowhere';
      workbook.getWorksheet('read-me')!.getCell('B1').value = ' ';
    });
    expect(lines).toEqual([
      'read-me!B1: version: is empty',
      'sources!B4: sources[2].url: must be an http:// or https:// address, got "ftp://nowhere"',
      'entries!B3: kind: must be one of community, programme, policy, organisation, faq, got "program"',
      'entries!E14: title.de: is missing',
    ]);
  });

  it('names both rows of an id used twice, and a source whose entry is not there', async () => {
    const lines = await errorLines((workbook) => {
      entries(workbook).getCell('A5').value = 'community-system';
      sources(workbook).getCell('A2').value = 'no-such-entry';
    });
    expect(lines).toContain('entries!A5: id: is already used by row 2');
    expect(lines).toContain('sources!A2: no entry "no-such-entry" on the entries sheet');
  });

  it('reads lists one item a line, numbers typed as text, dates Excel made days, and ignores unnamed columns', async () => {
    const result = await roundTrip(await shippedKb(), (workbook) => {
      const sheet = entries(workbook);
      const row = sheet.getRow(15); // laser-equipment
      const header = sheet.getRow(1).values as string[];
      const column = (name: string) => header.indexOf(name);
      row.getCell(column('search.en.keywords')).value = 'laser\n\n  Jinan  \n';
      row.getCell(column('facts.batch')).value = '2';
      // What Excel makes of a date typed into a cell that is not formatted as text.
      const asOf = row.getCell(column('facts.memberCount.asOf'));
      asOf.numFmt = 'yyyy-mm-dd';
      asOf.value = new Date(Date.UTC(2020, 0, 31));
      row.getCell(column('related')).value = 'funding, membership';
      row.getCell(header.length + 2).value = 'a note of my own';
    });
    expect(result.ok ? [] : result.errors.map(formatKbError)).toEqual([]);
    const laser = result.ok ? result.kb.entries.find((e) => e.id === 'laser-equipment')! : undefined;
    expect(laser?.search.en.keywords).toEqual(['laser', 'Jinan']);
    expect(laser?.facts?.batch).toBe(2);
    expect(laser?.facts?.memberCount).toEqual({ count: 20, asOf: '2020-01-31', approximate: true });
    expect(laser?.related).toEqual(['funding', 'membership']);
  });

  it('refuses a workbook whose columns were renamed or removed, before reading any entry', async () => {
    const lines = await errorLines((workbook) => {
      entries(workbook).getCell('C1').value = 'titel.en';
    });
    expect(lines).toEqual([
      'entries!C1: "titel.en" is not a column of the knowledge base (see the read-me sheet)',
      'entries!1: the column "title.en" is missing',
    ]);
  });

  it('says a file that is no workbook is not one', async () => {
    const result = await readKnowledgeBaseWorkbook(Buffer.from('PK\u0003\u0004 but not a zip'));
    expect(result.ok ? [] : result.errors.map(formatKbError)[0]).toMatch(
      /^file: not a readable \.xlsx workbook/,
    );
  });
});
