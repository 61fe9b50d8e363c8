/**
 * Search benchmark: questions a second, p50/p99 latency of the question path (language, search, decision),
 * build time and memory, on the shipped knowledge base and on generated ones of 1,000, 10,000 and 100,000
 * entries in four languages. Accuracy is measured at every size too, so that speed is never bought with it:
 * the evaluation questions (the shipped entries are part of every generated base) and generated questions
 * about generated entries. Every question is also timed as a long message (about 80 words: company
 * background first, the question last). Targets: p99 < 1 ms shipped for short questions and < 2 ms for long
 * messages, < 10 ms at 10k, < 50 ms at 100k.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parseEvalCases, share, type EvalCase } from '../src/core/answer/evaluate.js';
import { buildSnapshot } from '../src/core/knowledge-base/build-snapshot.js';
import { formatKbError, loadKnowledgeBaseFile } from '../src/core/knowledge-base/load.js';
import type { KnowledgeSnapshot } from '../src/core/knowledge-base/snapshot.js';
import type { KnowledgeBase } from '../src/core/knowledge-base/schema.js';
import { projectRoot } from '../src/project-root.js';
import { generateKnowledgeBase } from './support/generate-kb.js';
import { asLongMessage, generateQuestions, type BenchQuestion } from './support/generate-questions.js';
import {
  formatTable,
  memoryMb,
  round,
  timeEach,
  writeResults,
  type LatencyFigures,
} from './support/measure.js';
import type { BenchSection } from './support/section.js';

const SEED = 20_240_601;
const GENERATED_SIZES = [1_000, 10_000, 100_000];
const QUESTIONS_PER_RUN = 3_000;

interface SizeFigures extends LatencyFigures {
  label: string;
  entries: number;
  buildMs: number;
  /** Building the next version with one entry edited, given the snapshot in service (the reload path). */
  reloadMs: number;
  heapUsedMb: number;
  rssMb: number;
  /** The same questions as long messages of about 80 words. */
  longP50Ms: number;
  longP99Ms: number;
  /** Top-1 on the evaluation files' questions with an expected entry. */
  evalTop1: number;
  /** Generated questions about generated entries answered with that entry. */
  generatedTop1: number | null;
  outOfScopeAnswered: number;
}

function evaluationCases(): { line: number; case: EvalCase }[] {
  const files = [
    join(projectRoot(), '..', 'shared', 'eval', 'dev.jsonl'),
    join(projectRoot(), '..', 'shared', 'eval', 'realistic.jsonl'),
    join(projectRoot(), 'test/fixtures/search/holdout.jsonl'),
  ];
  return files
    .filter((file) => existsSync(file))
    .flatMap((file) => parseEvalCases(readFileSync(file, 'utf8')).cases);
}

function generatedAccuracy(snapshot: KnowledgeSnapshot, questions: readonly BenchQuestion[]): number | null {
  const about = questions.filter((q) => q.expect !== null);
  if (about.length === 0) return null;
  const hits = about.filter((q) => snapshot.answer(q.q, {}).entry?.id === q.expect).length;
  return round(hits / about.length);
}

/** Time to build the next version when one entry's title changed, reusing the unchanged entries' keys. */
function measureReload(kb: KnowledgeBase, previous: KnowledgeSnapshot): number {
  const [first, ...rest] = kb.entries;
  if (!first) return 0;
  const edited = { ...first, title: { ...first.title, en: `${first.title.en} (edited)` } };
  const next: KnowledgeBase = { version: `${kb.version}-edited`, entries: [edited, ...rest] };
  const started = process.hrtime.bigint();
  buildSnapshot(next, { defaultLanguage: 'en', previous });
  return round(Number(process.hrtime.bigint() - started) / 1e6, 1);
}

function measureSize(label: string, kb: KnowledgeBase, questions: readonly BenchQuestion[]): SizeFigures {
  const cases = evaluationCases();
  const started = process.hrtime.bigint();
  const snapshot = buildSnapshot(kb, { defaultLanguage: 'en' });
  const buildMs = round(Number(process.hrtime.bigint() - started) / 1e6, 1);
  const memory = memoryMb();
  const reloadMs = measureReload(kb, snapshot);
  const texts = [...cases.map((c) => c.case.q), ...questions.map((q) => q.q)];
  const inputs = Array.from({ length: QUESTIONS_PER_RUN }, (_, i) => texts[i % texts.length]!);
  const latency = timeEach(inputs, (text) => snapshot.answer(text, { clientLanguageCode: 'en' }));
  const long = timeEach(inputs.map(asLongMessage), (text) =>
    snapshot.answer(text, { clientLanguageCode: 'en' }),
  );
  const report = evaluate(snapshot, cases);
  const outOfScope = questions.filter((q) => q.expect === null);
  const oosAnswered = outOfScope.filter((q) => snapshot.answer(q.q, {}).entry !== null).length;
  return {
    label,
    entries: kb.entries.length,
    buildMs,
    reloadMs,
    ...memory,
    ...latency,
    longP50Ms: long.p50Ms,
    longP99Ms: long.p99Ms,
    evalTop1: round(share(report.top1)),
    generatedTop1: generatedAccuracy(snapshot, questions),
    outOfScopeAnswered: round(
      (report.outOfScopeAnswered.hits + oosAnswered) /
        Math.max(1, report.outOfScopeAnswered.total + outOfScope.length),
    ),
  };
}

async function run(): Promise<void> {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data', 'knowledge-base.json'));
  if (!loaded.ok)
    throw new Error(`shipped knowledge base invalid: ${loaded.errors.map(formatKbError).join('; ')}`);
  const results: SizeFigures[] = [measureSize('shipped', loaded.kb, [])];
  console.log(`measured shipped (${loaded.kb.entries.length} entries)`);
  for (const size of GENERATED_SIZES) {
    const { kb, topics } = generateKnowledgeBase(size, SEED, loaded.kb);
    results.push(
      measureSize(
        `generated ${size.toLocaleString('en')}`,
        kb,
        generateQuestions(topics, 1_000, SEED + size),
      ),
    );
    console.log(`measured ${size.toLocaleString('en')} entries`);
  }
  const header = [
    'knowledge base',
    'entries',
    'build ms',
    'reload ms',
    'q/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'cpu p50',
    'cpu p99',
    'long p50',
    'long p99',
    'heap MB',
    'rss MB',
    'eval top-1',
    'gen top-1',
    'oos answered',
  ];
  const rows = results.map((r) => [
    r.label,
    r.entries,
    r.buildMs,
    r.reloadMs,
    r.qps,
    r.p50Ms,
    r.p99Ms,
    r.maxMs,
    r.cpuP50Ms,
    r.cpuP99Ms,
    r.longP50Ms,
    r.longP99Ms,
    r.heapUsedMb,
    r.rssMb,
    r.evalTop1,
    r.generatedTop1 ?? '-',
    r.outOfScopeAnswered,
  ]);
  console.log(`\n${formatTable(header, rows)}`);
  const path = await writeResults('search', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    seed: SEED,
    results,
  });
  console.log(`\nwritten to ${path}`);
}

export const section: BenchSection = {
  name: 'search',
  description: 'question path latency, build time, memory and accuracy at 27 to 100,000 entries',
  run,
};
