import type { AnswerOutcome } from '../../core/answer/types.js';
import { ANSWER_OUTCOMES, STATS_REPORT_DAYS, type DeskStatsSource } from '../../core/stats/desk-stats.js';
import { summariseStats, type EntryCount, type StatsSummary } from '../../core/stats/summarise.js';
import type { DeskContext, DeskResponse, Feature } from '../feature.js';
import { refuseReport } from './report-access.js';
import { ageText } from '../reload/render-reload.js';
import { capHtml, shorten } from '../render/html.js';
import { questionsChartPng } from '../render/stats-chart.js';

/** Entries listed under "most given answers" and under "most 👎". */
const ENTRY_LIMIT = 5;
const MAX_TITLE_CHARS = 80;

export interface StatsFeatureDeps {
  adminIds: readonly number[];
  /** STAFF_CHAT_ID: anyone writing there may use /stats. */
  staffChatId?: number;
  stats: DeskStatsSource;
  now?: () => number;
}

/**
 * `/stats`: the desk's last 14 days for admins and the staff chat, as a chart of questions a day by outcome
 * (a PNG drawn in the process) followed by a short text: the most given answers, the entries with the most 👎,
 * tickets opened, answered and closed, the median time to the first staff reply, and ticket ratings when
 * tickets have been rated. Anyone else gets a polite refusal (logged).
 */
export function createStatsFeature(deps: StatsFeatureDeps): Feature {
  const now = deps.now ?? Date.now;

  async function report(ctx: DeskContext): Promise<DeskResponse> {
    const days = STATS_REPORT_DAYS;
    const summary = summariseStats(await deps.stats.days(now(), days), ENTRY_LIMIT);
    const outcomes = Object.fromEntries(
      ANSWER_OUTCOMES.map((o) => [o, ctx.t(`admin:stats.outcome_${o}`)]),
    ) as Record<AnswerOutcome, string>;
    const chart = await questionsChartPng({
      days: summary.days,
      labels: {
        title: ctx.t('admin:stats.chart_title', { days }),
        axis: ctx.t('admin:stats.chart_axis'),
        outcomes,
      },
    });
    const day = new Date(now()).toISOString().slice(0, 10);
    return {
      photos: [
        {
          fileName: `desk-stats-${day}.png`,
          content: chart,
          caption: ctx.t('admin:stats.caption', { days }),
        },
      ],
      replies: [{ html: capHtml(reportText(ctx, summary).join('\n')) }],
    };
  }

  return {
    name: 'stats',
    commands: {
      stats: async (_input, ctx) => {
        const refusal = refuseReport(ctx, deps, 'stats', 'admin:stats.not_allowed');
        if (refusal) return refusal;
        try {
          return await report(ctx);
        } catch (err) {
          ctx.log.warn({ err }, 'stats report unavailable');
          return { replies: [{ html: ctx.t('admin:stats.unavailable') }] };
        }
      },
    },
  };
}

/** The text under the chart, in the chat's language; entries by their title in it. */
function reportText(ctx: DeskContext, summary: StatsSummary): string[] {
  const title = (entryId: string) =>
    shorten(ctx.snapshot.byId(entryId)?.title[ctx.lang] ?? entryId, MAX_TITLE_CHARS);
  const list = <T extends EntryCount>(entries: T[], line: (entry: T, rank: number) => string) =>
    entries.length > 0 ? entries.map((entry, i) => line(entry, i + 1)) : [ctx.t('admin:stats.nothing_yet')];
  const questions = Object.fromEntries(
    ANSWER_OUTCOMES.map((o) => [o, summary.days.reduce((sum, d) => sum + d.questions[o], 0)]),
  );
  const median = summary.medianFirstReplySeconds;
  const lines = [
    ctx.t('admin:stats.title', { days: summary.days.length }),
    '',
    ctx.t('admin:stats.questions', { total: summary.totalQuestions, ...questions }),
    '',
    ctx.t('admin:stats.top_title'),
    ...list(summary.topEntries, (e, rank) =>
      ctx.t('admin:stats.top_line', { rank, entry: title(e.entryId), count: e.count }),
    ),
    '',
    ctx.t('admin:stats.disliked_title'),
    ...list(summary.mostDisliked, (e, rank) =>
      ctx.t('admin:stats.disliked_line', { rank, entry: title(e.entryId), down: e.count, up: e.up }),
    ),
    '',
    ctx.t('admin:stats.tickets', summary.tickets),
    ctx.t('admin:stats.first_reply', {
      time: median === null ? ctx.t('admin:stats.nothing_yet') : ageText(ctx.t, median * 1000),
    }),
  ];
  // Ratings exist once the ticket side counts them; until then the line is left out rather than shown empty.
  if (summary.ticketRatings.length > 0) {
    const ratings = summary.ticketRatings.map((r) => `${r.rating} × ${r.count}`).join(', ');
    lines.push(ctx.t('admin:stats.ticket_ratings', { ratings }));
  }
  return lines;
}
