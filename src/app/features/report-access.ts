import type { DeskContext, DeskResponse } from '../feature.js';

/** Who may see the desk's reports (/gaps, /stats): ADMIN_IDS, and anyone writing in the staff chat. */
export interface ReportAccess {
  adminIds: readonly number[];
  /** STAFF_CHAT_ID. */
  staffChatId?: number;
}

/** Null when the sender may see `/command`; otherwise its polite refusal, and the attempt logged. */
export function refuseReport(
  ctx: DeskContext,
  access: ReportAccess,
  command: string,
  refusalKey: string,
): DeskResponse | null {
  const { userId, chatId } = ctx.sender;
  if (access.adminIds.includes(userId) || (access.staffChatId !== undefined && chatId === access.staffChatId))
    return null;
  ctx.log.warn({ userId, chatId, attempt: `/${command}` }, 'report refused');
  return { replies: [{ html: ctx.t(refusalKey) }] };
}
