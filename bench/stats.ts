/**
 * `/stats` benchmark: the time from the command to the response (the 14 days read from Redis, summed, the chart
 * compiled from Vega-Lite, drawn to SVG by Vega and rasterised to PNG by resvg with the shipped CJK font), in
 * English and Chinese, over 14 busy days (a few hundred questions and a hundred entries a day). The first call
 * is timed apart: it compiles the code paths and loads the font.
 * Run it on a quiet machine: the figures are wall-clock times.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { RedisDeskStats } from '../src/adapters/redis/desk-stats-store.js';
import { composeDesk } from '../src/app/compose-desk.js';
import type { DeskInput } from '../src/app/desk-input.js';
import { createStatsFeature } from '../src/app/features/stats.js';
import { createInMemoryLanguagePreferences } from '../src/app/language-preferences.js';
import { questionsChartSvg, svgToPng } from '../src/app/render/stats-chart.js';
import { buildSnapshot } from '../src/core/knowledge-base/build-snapshot.js';
import { loadKnowledgeBaseFile } from '../src/core/knowledge-base/load.js';
import { createKnowledgeStore } from '../src/core/knowledge-base/store.js';
import type { Language } from '../src/core/language/languages.js';
import { ANSWER_OUTCOMES, STATS_REPORT_DAYS } from '../src/core/stats/desk-stats.js';
import { createTranslator } from '../src/i18n/translator.js';
import { projectRoot } from '../src/project-root.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { createRandom } from './support/random.js';
import { formatTable, round, writeResults } from './support/measure.js';
import type { BenchSection } from './support/section.js';

const SEED = 20_240_614;
const RUNS = 20;
const ADMIN = 1;
const DAY_MS = 24 * 3600_000;

interface Row {
  lang: Language;
  firstMs: number;
  p50Ms: number;
  maxMs: number;
  svgMs: number;
  pngMs: number;
  pngKb: number;
}

const ms = (since: bigint): number => round(Number(process.hrtime.bigint() - since) / 1e6, 1);

/** 14 days of counters as a busy desk makes them, written through the production recorder. */
async function fill(stats: RedisDeskStats, entryIds: string[]): Promise<void> {
  const random = createRandom(SEED);
  const writes: Promise<void>[] = [];
  for (let d = 0; d < STATS_REPORT_DAYS; d++) {
    const at = Date.now() - d * DAY_MS;
    for (let q = 0; q < 200 + Math.floor(random() * 200); q++) {
      const outcome = ANSWER_OUTCOMES[Math.floor(random() * ANSWER_OUTCOMES.length)]!;
      const entry =
        outcome === 'answered' || outcome === 'likely'
          ? entryIds[Math.floor(random() * entryIds.length)]!
          : null;
      writes.push(stats.question(outcome, entry, at));
      if (entry && random() < 0.1) writes.push(stats.answerRated(entry, random() < 0.3 ? 'down' : 'up', at));
    }
    for (let t = 0; t < 20; t++) {
      writes.push(stats.ticket('opened', at), stats.ticket('answered', at));
      writes.push(stats.firstStaffReply(60 + random() * 7200, at));
    }
  }
  await Promise.all(writes);
}

async function run(): Promise<void> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  try {
    const loaded = await loadKnowledgeBaseFile(join(projectRoot(), 'data/knowledge-base.json'));
    if (!loaded.ok) throw new Error('the shipped knowledge base is invalid');
    const store = createKnowledgeStore(buildSnapshot(loaded.kb, { defaultLanguage: 'en' }));
    const stats = new RedisDeskStats({ redis, prefix: 'bench' });
    await fill(
      stats,
      loaded.kb.entries.map((e) => e.id),
    );
    const desk = composeDesk({
      store,
      translate: createTranslator(),
      preferences: createInMemoryLanguagePreferences(),
      defaultLanguage: 'en',
      logger: pino({ level: 'silent' }),
      extraFeatures: [createStatsFeature({ adminIds: [ADMIN], stats })],
    });
    let updateId = 0;
    const statsCommand = (lang: Language): DeskInput => ({
      kind: 'command',
      updateId: ++updateId,
      sender: { channel: 'telegram', userId: ADMIN, chatId: ADMIN, chatType: 'private', languageCode: lang },
      command: { name: 'stats', args: '', messageId: 1 },
    });
    const rows: Row[] = [];
    for (const lang of ['en', 'zh'] as const) {
      let started = process.hrtime.bigint();
      const first = await desk.handle(statsCommand(lang));
      if (!first.photos?.[0]) throw new Error(`/stats sent no chart in ${lang}`);
      const firstMs = ms(started);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        started = process.hrtime.bigint();
        await desk.handle(statsCommand(lang));
        times.push(ms(started));
      }
      times.sort((a, b) => a - b);
      const days = (await stats.days(Date.now(), STATS_REPORT_DAYS)).map((d) => ({
        day: d.day,
        questions: d.questions,
      }));
      const labels = {
        title: 'Questions a day',
        axis: 'Questions',
        outcomes: { answered: 'a', likely: 'l', suggested: 's', unknown: 'u' },
      };
      started = process.hrtime.bigint();
      const svg = await questionsChartSvg({ days, labels });
      const svgMs = ms(started);
      started = process.hrtime.bigint();
      svgToPng(svg);
      const pngMs = ms(started);
      rows.push({
        lang,
        firstMs,
        p50Ms: times[Math.floor(RUNS / 2)]!,
        maxMs: times[RUNS - 1]!,
        svgMs,
        pngMs,
        pngKb: Math.round(first.photos[0].content.length / 1024),
      });
    }
    const header = ['language', 'first ms', `p50 of ${RUNS} ms`, 'max ms', 'SVG ms', 'PNG ms', 'PNG KB'];
    console.log(
      `\n${formatTable(
        header,
        rows.map((r) => [r.lang, r.firstMs, r.p50Ms, r.maxMs, r.svgMs, r.pngMs, r.pngKb]),
      )}`,
    );
    console.log(
      '\nfrom the /stats command to the response (Redis read, chart, text); SVG and PNG: the chart alone',
    );
    const path = await writeResults('stats', {
      measuredAt: new Date().toISOString(),
      node: process.version,
      runs: RUNS,
      rows,
    });
    console.log(`written to ${path}`);
  } finally {
    await redis.quit();
    await server.dispose();
  }
}

export const section: BenchSection = {
  name: 'stats',
  description: 'rendering /stats: 14 days read from Redis, the Vega-Lite chart drawn to PNG, the text',
  run,
};
