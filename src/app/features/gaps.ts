import { buildGapExport, type GapExport } from '../../core/gaps/draft-entries.js';
import { GAP_REPORT_DAYS, type GapStore } from '../../core/gaps/gap.js';
import type { StaffAnswer, StaffAnswerSource } from '../../core/gaps/staff-answers.js';
import type { AnswerMemory } from '../answer-memory.js';
import type { DeskContext, DeskResponse, Feature } from '../feature.js';
import { refuseReport } from './report-access.js';
import { capHtml, shorten } from '../render/html.js';

/** Lines of `/gaps`. */
const LIST_LIMIT = 15;
/** A question's characters in a `/gaps` line, so that 15 lines fit in one message. */
const MAX_QUESTION_CHARS = 150;
/** Entries listed under "answers marked 👎". */
const DISLIKED_LIMIT = 5;
/** Drafts in `/gaps export`. */
const EXPORT_LIMIT = 100;
const DAY_MS = 24 * 3600_000;

export interface GapsFeatureDeps {
  adminIds: readonly number[];
  /** STAFF_CHAT_ID: anyone writing there may use /gaps. */
  staffChatId?: number;
  gaps: Pick<GapStore, 'top'>;
  /** Staff answers to put into drafts; without it drafts carry none. */
  staffAnswers?: StaffAnswerSource;
  /** The drafts as an .xlsx in the kb:export entry layout (adapters/xlsx gapDraftsWorkbook). */
  draftsWorkbook(exported: GapExport): Promise<Buffer>;
  /** Answers marked 👎, listed under the gaps; without it, the list has gaps only. */
  feedback?: Pick<AnswerMemory, 'mostDisliked'>;
  now?: () => number;
}

/** What the reports read, and the clock that sets their window. */
type GapReportDeps = GapsFeatureDeps & { now: () => number };

/** Entries whose answers were marked 👎, each with the questions that led to it. */
async function dislikedLines(feedback: GapsFeatureDeps['feedback'], ctx: DeskContext): Promise<string[]> {
  const disliked = (await feedback?.mostDisliked(DISLIKED_LIMIT)) ?? [];
  if (disliked.length === 0) return [];
  const lines = disliked.map((item, index) =>
    ctx.t('admin:gaps.disliked_line', {
      rank: index + 1,
      entry: ctx.snapshot.byId(item.entryId)?.title[ctx.lang] ?? item.entryId,
      count: item.count,
      questions: item.questions.map((q) => `“${shorten(q, MAX_QUESTION_CHARS / 2)}”`).join(', '),
    }),
  );
  return ['', ctx.t('admin:gaps.disliked_title'), ...lines];
}

/** `/gaps`: the most frequent unanswered questions, then the answers marked 👎. */
async function list(deps: GapReportDeps, ctx: DeskContext): Promise<DeskResponse> {
  const gaps = await deps.gaps.top(deps.now() - GAP_REPORT_DAYS * DAY_MS, LIST_LIMIT);
  const disliked = await dislikedLines(deps.feedback, ctx);
  if (gaps.length === 0 && disliked.length === 0)
    return { replies: [{ html: ctx.t('admin:gaps.empty', { days: GAP_REPORT_DAYS }) }] };
  const lines = gaps.map((gap, index) =>
    ctx.t(gap.tickets > 0 ? 'admin:gaps.line_tickets' : 'admin:gaps.line', {
      rank: index + 1,
      count: gap.total,
      lang: gap.lang,
      question: shorten(gap.example, MAX_QUESTION_CHARS),
      tickets: gap.tickets,
    }),
  );
  const html = [
    ctx.t('admin:gaps.title', { days: GAP_REPORT_DAYS }),
    '',
    ...lines,
    ...disliked,
    '',
    ctx.t('admin:gaps.footer'),
  ];
  return { replies: [{ html: capHtml(html.join('\n')) }] };
}

/** `/gaps export`: the drafts as a workbook; without the staff answers when they cannot be read. */
async function exportDrafts(deps: GapReportDeps, ctx: DeskContext): Promise<DeskResponse> {
  const { now } = deps;
  const since = now() - GAP_REPORT_DAYS * DAY_MS;
  const gaps = await deps.gaps.top(since, EXPORT_LIMIT);
  let answers: StaffAnswer[] = [];
  try {
    answers = (await deps.staffAnswers?.answeredSince(since)) ?? [];
  } catch (err) {
    ctx.log.warn({ err }, 'staff answers unavailable; exporting drafts without them');
  }
  const exported = buildGapExport(gaps, answers, { now: now(), days: GAP_REPORT_DAYS });
  const day = new Date(now()).toISOString().slice(0, 10);
  const response: DeskResponse = {
    documents: [
      {
        fileName: `knowledge-gaps-${day}.xlsx`,
        content: await deps.draftsWorkbook(exported),
        caption: ctx.t('admin:gaps.export_caption', {
          count: exported.drafts.length,
          days: GAP_REPORT_DAYS,
        }),
      },
    ],
  };
  return response;
}

/**
 * `/gaps`: the most frequent questions of the last 7 days that got no confident answer, with counts, for admins
 * and the staff chat; `/gaps export`: a workbook of draft entries, personal details redacted, with the staff
 * answers given to matching tickets beside them for reference. Anyone else gets a polite refusal (logged).
 */
export function createGapsFeature(deps: GapsFeatureDeps): Feature {
  const reports: GapReportDeps = { ...deps, now: deps.now ?? Date.now };
  return {
    name: 'gaps',
    commands: {
      gaps: async (input, ctx) => {
        const refusal = refuseReport(ctx, deps, 'gaps', 'admin:gaps.not_allowed');
        if (refusal) return refusal;
        const action = input.args.trim().toLowerCase();
        if (action !== '' && action !== 'export') return { replies: [{ html: ctx.t('admin:gaps.usage') }] };
        try {
          return await (action === 'export' ? exportDrafts(reports, ctx) : list(reports, ctx));
        } catch (err) {
          ctx.log.warn({ err }, 'gap report unavailable');
          return { replies: [{ html: ctx.t('admin:gaps.unavailable') }] };
        }
      },
    },
  };
}
