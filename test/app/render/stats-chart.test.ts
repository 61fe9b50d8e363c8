import { describe, expect, it } from 'vitest';
import {
  CHART_FONT_FAMILY,
  questionsChartPng,
  questionsChartSvg,
  svgToPng,
  type QuestionsChartInput,
} from '../../../src/app/render/stats-chart.js';
import type { AnswerOutcome } from '../../../src/core/answer/types.js';
import { ANSWER_OUTCOMES } from '../../../src/core/stats/desk-stats.js';
import { LANGUAGES, type Language } from '../../../src/core/language/languages.js';
import { createTranslator } from '../../../src/i18n/translator.js';

const t = createTranslator();
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function labels(lang: Language): QuestionsChartInput['labels'] {
  const outcomes = Object.fromEntries(
    ANSWER_OUTCOMES.map((o) => [o, t(lang, `admin:stats.outcome_${o}`)]),
  ) as Record<AnswerOutcome, string>;
  return {
    title: t(lang, 'admin:stats.chart_title', { days: 14 }),
    axis: t(lang, 'admin:stats.chart_axis'),
    outcomes,
  };
}

const days = Array.from({ length: 14 }, (_, i) => ({
  day: `2030-05-${String(i + 7).padStart(2, '0')}`,
  questions: { answered: 3 + i, likely: i % 3, suggested: 1, unknown: i % 2 },
}));

/** One character drawn alone with the chart's font, as PNG bytes. */
const glyph = (char: string) =>
  svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="white"/>` +
      `<text x="4" y="32" font-size="28" font-family="${CHART_FONT_FAMILY}">${char}</text></svg>`,
  );
/** A private-use character: no font has it, so it draws as any missing character does. */
const MISSING = glyph('\uE000');

describe('the /stats chart', () => {
  it('has a glyph for every character of its labels, in all four languages', () => {
    const chars = new Set(
      LANGUAGES.flatMap((lang) => [
        ...Object.values(labels(lang)).flatMap((l) =>
          typeof l === 'string' ? [...l] : Object.values(l).flatMap((s) => [...s]),
        ),
      ]),
    );
    const missing = [...chars].filter((char) => char.trim() !== '' && glyph(char).equals(MISSING));
    expect(missing).toEqual([]);
    // The check tells drawn from missing: a traditional character outside the shipped subset draws as missing.
    expect(glyph('體').equals(MISSING)).toBe(true);
    expect(glyph('体').equals(MISSING)).toBe(false);
  });

  it('stacks the questions of each day by outcome, labelled in the chat language', async () => {
    const svg = await questionsChartSvg({ days, labels: labels('zh') });
    expect(svg).toContain('每日问题数（最近 14 天）');
    for (const outcome of ANSWER_OUTCOMES) expect(svg).toContain(labels('zh').outcomes[outcome]);
    expect(svg).toContain('05-07');
    expect(svg).toContain('05-20');
  });

  it('is a PNG drawn at twice its layout size, its title in it', async () => {
    const png = await questionsChartPng({ days, labels: labels('zh') });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(1000);
    expect(height).toBeGreaterThan(500);
    const untitled = await questionsChartPng({ days, labels: { ...labels('zh'), title: '' } });
    expect(png.equals(untitled)).toBe(false);
  });
});
