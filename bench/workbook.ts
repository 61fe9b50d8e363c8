/**
 * Workbook benchmark: how long `npm run kb:export` and `kb:import` take to write and to read back (parse, validate,
 * name the cells) the knowledge base as an .xlsx, on the shipped file and a generated one of 1,000 entries; the
 * median of a few runs after one warm-up. The round trip is checked on the way: the figures are of a workbook that
 * gives back the same knowledge base.
 */
import { join } from 'node:path';
import { readKnowledgeBaseWorkbook } from '../src/adapters/xlsx/read-knowledge-base.js';
import { knowledgeBaseWorkbook } from '../src/adapters/xlsx/write-knowledge-base.js';
import { sameContent } from '../src/core/knowledge-base/diff.js';
import { formatKbError, loadKnowledgeBaseFile } from '../src/core/knowledge-base/load.js';
import type { KnowledgeBase } from '../src/core/knowledge-base/schema.js';
import { projectRoot } from '../src/project-root.js';
import { generateKnowledgeBase } from './support/generate-kb.js';
import { formatTable, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';

const SEED = 20_240_601;
const RUNS = 5;

interface WorkbookFigures {
  label: string;
  entries: number;
  workbookMb: number;
  exportMs: number;
  importMs: number;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await call();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function measure(label: string, kb: KnowledgeBase): Promise<WorkbookFigures> {
  const exports: number[] = [];
  const imports: number[] = [];
  let size = 0;
  for (let run = 0; run <= RUNS; run++) {
    const written = await timed(() => knowledgeBaseWorkbook(kb));
    const read = await timed(() => readKnowledgeBaseWorkbook(written.value));
    if (!read.value.ok) throw new Error(`${label}: ${formatKbError(read.value.errors[0]!)}`);
    if (!sameContent(read.value.kb.entries, kb.entries))
      throw new Error(`${label}: the round trip changed it`);
    if (run === 0) continue; // warm-up
    exports.push(written.ms);
    imports.push(read.ms);
    size = written.value.length;
  }
  return {
    label,
    entries: kb.entries.length,
    workbookMb: round(size / 1e6, 2),
    exportMs: round(median(exports), 1),
    importMs: round(median(imports), 1),
  };
}

async function run(): Promise<void> {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data', 'knowledge-base.json'));
  if (!loaded.ok) throw new Error(`shipped knowledge base invalid: ${formatKbError(loaded.errors[0]!)}`);
  const results = [
    await measure('shipped', loaded.kb),
    await measure('generated 1,000', generateKnowledgeBase(1_000, SEED, loaded.kb).kb),
  ];
  const header = ['knowledge base', 'entries', 'workbook MB', 'export ms', 'import ms'];
  const rows = results.map((r) => [r.label, r.entries, r.workbookMb, r.exportMs, r.importMs]);
  console.log(`\n${formatTable(header, rows)}`);
  console.log(`\nmedian of ${RUNS} runs; import includes validation and naming each problem's cell`);
  const path = await writeResults('workbook', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    seed: SEED,
    results,
  });
  console.log(`written to ${path}`);
}

export const section: BenchSection = {
  name: 'workbook',
  description: 'kb:export and kb:import of the knowledge base as an .xlsx, shipped and 1,000 entries',
  run,
};
