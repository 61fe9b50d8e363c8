import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AnswerOutcome } from '../../core/answer/types.js';
import { ANSWER_OUTCOMES } from '../../core/stats/desk-stats.js';
import { projectRoot } from '../../project-root.js';

/**
 * The one font the chart is drawn with: Noto Sans CJK SC cut down to Latin letters (accents included),
 * punctuation and the GB2312 characters (see assets/fonts/README.md), so that labels in all four languages
 * render without any font installed on the machine.
 */
export const CHART_FONT_FILE = join(projectRoot(), 'assets/fonts/NotoSansCJKsc-Regular-subset.otf');
export const CHART_FONT_FAMILY = 'Noto Sans CJK SC';

/** Answered in green through unknown in grey, stacked in ANSWER_OUTCOMES order from the bottom. */
const OUTCOME_COLOURS: Record<AnswerOutcome, string> = {
  answered: '#2e7d32',
  likely: '#81c784',
  suggested: '#f9a825',
  unknown: '#9e9e9e',
};

/** Phone screens are dense: the chart is laid out at this size and drawn at twice it. */
const WIDTH = 560;
const HEIGHT = 260;
const ZOOM = 2;

export interface QuestionsChartInput {
  /** Oldest first: the day (YYYY-MM-DD) and its questions per outcome. */
  days: { day: string; questions: Record<AnswerOutcome, number> }[];
  labels: { title: string; axis: string; outcomes: Record<AnswerOutcome, string> };
}

/*
 * Without a canvas, Vega estimates a label's width as 0.8 em a character, too narrow for Chinese (a full em) and
 * a little wide for Latin, so legends and titles would be cut or misplaced. Vega lets a renderer supply the measure.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
(
  vega as unknown as { textMetrics: { width: (item: { fontSize?: number }, text: string) => number } }
).textMetrics.width = (item, text) => {
  const size = item.fontSize ?? 11;
  let ems = 0;
  for (const char of String(text ?? '')) ems += WIDE.test(char) ? 1 : 0.56;
  return Math.ceil(ems * size);
};

/** The Vega-Lite spec of "questions a day, stacked by outcome". */
export function questionsChartSpec(input: QuestionsChartInput): TopLevelSpec {
  const values = input.days.flatMap(({ day, questions }) =>
    ANSWER_OUTCOMES.map((outcome, order) => ({
      day: day.slice(5),
      outcome: input.labels.outcomes[outcome],
      order,
      count: questions[outcome],
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 12,
    title: { text: input.labels.title, fontSize: 16, anchor: 'start' },
    config: { font: CHART_FONT_FAMILY, axis: { labelFontSize: 11, titleFontSize: 12 } },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'day', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -45 } },
      y: {
        field: 'count',
        type: 'quantitative',
        stack: 'zero',
        title: input.labels.axis,
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'outcome',
        type: 'nominal',
        title: null,
        scale: {
          domain: ANSWER_OUTCOMES.map((o) => input.labels.outcomes[o]),
          range: ANSWER_OUTCOMES.map((o) => OUTCOME_COLOURS[o]),
        },
        legend: { orient: 'top', direction: 'horizontal', labelFontSize: 12, labelLimit: 0 },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/** Draws the chart to SVG with Vega's headless view (no browser, no canvas). */
export async function questionsChartSvg(input: QuestionsChartInput): Promise<string> {
  const view = new vega.View(vega.parse(compile(questionsChartSpec(input)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG with the chart's font only (never the machine's fonts, which differ between hosts). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: [CHART_FONT_FILE],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: ZOOM },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/** The questions chart as a PNG image. */
export async function questionsChartPng(input: QuestionsChartInput): Promise<Buffer> {
  return svgToPng(await questionsChartSvg(input));
}
