/**
 * Reload benchmark: how long a reload of KB_PATH takes (read, parse, validate, build the index, swap) on the
 * shipped knowledge base and generated ones of 1,000 and 10,000 entries, and the answer latency seen by questions
 * that arrive while it runs (one every 10 ms, timed from arrival to answer), next to the same stream without a
 * reload. Target: a 10,000-entry reload under 1 s. Each generated size is reloaded twice: unchanged (a new version
 * of the same content) and after an edit that changes the search material of 1% of the entries.
 * Run it on a quiet machine: the figures are wall-clock times.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createReloader } from '../src/app/reload/reloader.js';
import { buildSnapshot } from '../src/core/knowledge-base/build-snapshot.js';
import {
  decodeKnowledgeBaseFile,
  formatKbError,
  loadKnowledgeBaseFile,
} from '../src/core/knowledge-base/load.js';
import { createKnowledgeStore, type SwappableKnowledgeStore } from '../src/core/knowledge-base/store.js';
import type { KnowledgeBase } from '../src/core/knowledge-base/schema.js';
import { validateKnowledgeBase } from '../src/core/knowledge-base/validate.js';
import { projectRoot } from '../src/project-root.js';
import { generateKnowledgeBase } from './support/generate-kb.js';
import { formatTable, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';

const SEED = 20_240_601;
const SIZES = [1_000, 10_000];
const ARRIVAL_EVERY_MS = 10;
const QUESTIONS = [
  'How are the communities funded?',
  '激光装备共同体在哪里',
  'Wie kann mein Unternehmen beitreten?',
  "Qu'est-ce que le système 1+30+N ?",
];

interface Latency {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface ReloadFigures {
  label: string;
  entries: number;
  fileMb: number;
  readParseMs: number;
  validateMs: number;
  buildMs: number;
  reloadMs: number;
  versions: string;
  idle: Latency;
  during: Latency;
}

const log = pino({ level: 'silent' });
const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;

function percentiles(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 2);
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted.at(-1) ?? 0, 2) };
}

/**
 * Questions arrive every ARRIVAL_EVERY_MS, as updates would (a planned arrival time each), and are answered
 * from the snapshot in service whenever the event loop is free; latency runs from the planned arrival to the
 * answer, so that a question stuck behind a long synchronous step counts the whole wait. Returns a stop
 * function giving the latencies and the versions that answered.
 */
function questionStream(store: SwappableKnowledgeStore) {
  const latencies: number[] = [];
  const versions = new Set<string>();
  const started = process.hrtime.bigint();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    while (next * ARRIVAL_EVERY_MS <= ms(started)) {
      const result = store.current().answer(QUESTIONS[next % QUESTIONS.length]!, {});
      versions.add(result.kbVersion);
      latencies.push(ms(started) - next * ARRIVAL_EVERY_MS);
      next++;
    }
    timer = setTimeout(tick, 1);
  };
  tick();
  return async () => {
    clearTimeout(timer);
    return { latency: percentiles(latencies), versions: [...versions] };
  };
}

/** Writes the file as an admin would (pretty-printed); returns its size in MB. */
async function writeKnowledgeBase(path: string, kb: KnowledgeBase): Promise<number> {
  const text = `${JSON.stringify(kb, null, 2)}\n`;
  await writeFile(path, text);
  return round(text.length / 1e6, 1);
}

/**
 * The read and validation steps alone, for the breakdown. In a function of their own so that their results are
 * garbage before the reload is timed: a parsed copy kept alive would only add to the collector's work.
 */
async function timeSteps(path: string): Promise<{ readParseMs: number; validateMs: number }> {
  let started = process.hrtime.bigint();
  const data: unknown = JSON.parse(decodeKnowledgeBaseFile(await readFile(path)));
  const readParseMs = ms(started);
  started = process.hrtime.bigint();
  const valid = validateKnowledgeBase(data);
  const validateMs = ms(started);
  if (!valid.ok) throw new Error(`generated knowledge base invalid: ${formatKbError(valid.errors[0]!)}`);
  return { readParseMs, validateMs };
}

/**
 * Serves `kb`, then reloads `next` (by default the same content under a new version, which is what re-reading an
 * unchanged file or editing only answers gives: no entry's search material changes).
 */
async function measure(
  label: string,
  kb: KnowledgeBase,
  dir: string,
  next: KnowledgeBase = kb,
): Promise<ReloadFigures> {
  const path = join(dir, `${kb.entries.length}.json`);
  const fileMb = await writeKnowledgeBase(path, { ...next, version: `${label}-next` });
  const { readParseMs, validateMs } = await timeSteps(path);
  let started = process.hrtime.bigint();
  const store = createKnowledgeStore(buildSnapshot(kb, { defaultLanguage: 'en' }));
  const buildMs = ms(started);

  const reloader = createReloader({ store, kbPath: path, defaultLanguage: 'en', log });
  const idleStream = questionStream(store);
  await new Promise((resolve) => setTimeout(resolve, Math.max(300, buildMs)));
  const idle = (await idleStream()).latency;

  const duringStream = questionStream(store);
  started = process.hrtime.bigint();
  const outcome = await reloader.reload({ kind: 'file' });
  const reloadMs = ms(started);
  // A few questions after the swap, so that the stream shows both versions answering.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const during = await duringStream();
  if (outcome.status !== 'reloaded') throw new Error(`reload ${outcome.status}`);
  return {
    label,
    entries: next.entries.length,
    fileMb,
    readParseMs: round(readParseMs, 1),
    validateMs: round(validateMs, 1),
    buildMs: round(buildMs, 1),
    reloadMs: round(reloadMs, 1),
    versions: during.versions.join(' → '),
    idle,
    during: during.latency,
  };
}

/**
 * The knowledge base after a large edit: one entry in a hundred gets a new keyword and a new answer, ten entries
 * are added in the first half and ten removed from the second, so that most entries move.
 */
function editedCopy(kb: KnowledgeBase): KnowledgeBase {
  const entries = kb.entries.map((entry, i) => {
    if (i % 100 !== 50) return entry;
    const en = { ...entry.search.en, keywords: [...entry.search.en.keywords, 'refurbished'] };
    return {
      ...entry,
      search: { ...entry.search, en },
      answer: { ...entry.answer, en: `${entry.answer.en} !` },
    };
  });
  const middle = Math.floor(entries.length / 2);
  const added = entries.slice(middle, middle + 10).map((entry) => ({ ...entry, id: `${entry.id}-copy` }));
  entries.splice(middle + 20, 10);
  entries.splice(Math.floor(middle / 2), 0, ...added);
  return { ...kb, entries };
}

async function run(): Promise<void> {
  const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data', 'knowledge-base.json'));
  if (!loaded.ok)
    throw new Error(`shipped knowledge base invalid: ${loaded.errors.map(formatKbError).join('; ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-reload-'));
  const results: ReloadFigures[] = [];
  try {
    results.push(await measure('shipped', loaded.kb, dir));
    for (const size of SIZES) {
      const { kb } = generateKnowledgeBase(size, SEED, loaded.kb);
      const label = `generated ${size.toLocaleString('en')}`;
      results.push(await measure(label, kb, dir));
      results.push(await measure(`${label}, 1% edited`, kb, dir, editedCopy(kb)));
      console.log(`measured ${size.toLocaleString('en')} entries`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const header = [
    'knowledge base',
    'entries',
    'file MB',
    'read+parse ms',
    'validate ms',
    'build ms',
    'reload ms',
    'idle p50/p99 ms',
    'during n',
    'during p50/p99/max ms',
  ];
  const rows = results.map((r) => [
    r.label,
    r.entries,
    r.fileMb,
    r.readParseMs,
    r.validateMs,
    r.buildMs,
    r.reloadMs,
    `${r.idle.p50Ms}/${r.idle.p99Ms}`,
    r.during.count,
    `${r.during.p50Ms}/${r.during.p99Ms}/${r.during.maxMs}`,
  ]);
  console.log(`\n${formatTable(header, rows)}`);
  console.log(
    `\nquestions arrive every ${ARRIVAL_EVERY_MS} ms; latency is from arrival to answer; target: 10,000-entry reload < 1000 ms`,
  );
  const path = await writeResults('reload', {
    measuredAt: new Date().toISOString(),
    node: process.version,
    seed: SEED,
    results,
  });
  console.log(`written to ${path}`);
}

export const section: BenchSection = {
  name: 'reload',
  description: 'knowledge-base reload time at 27 to 10,000 entries, and answer latency during a reload',
  run,
};
