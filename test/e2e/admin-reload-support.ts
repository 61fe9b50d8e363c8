import { afterEach } from 'vitest';
import ExcelJS from 'exceljs';
import { knowledgeBaseWorkbook } from '../../src/adapters/xlsx/write-knowledge-base.js';
import type { BotFramework } from '../support/bot-starters.js';
import { fakeUser, type FakeUser } from '../support/fake-bot-api.js';
import { FUNDING_QUESTION, kbFolder, nextKb } from '../app/reload/support.js';
import { ADMIN_ID, startAdminBot, type AdminBot } from './admin-bot.js';

export interface AdminBotOptions {
  framework: BotFramework;
  instanceId?: string;
  prefix?: string;
}

/**
 * Starts admin bots, each on its own copy of the shipped knowledge base (`kbPath`). Registers an `afterEach`
 * in the calling test file that stops every bot of the test and removes its folder.
 */
export function adminBots(): (opts: AdminBotOptions) => Promise<AdminBot & { kbPath: string }> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (opts) => {
    const folder = await kbFolder();
    const started = await startAdminBot({
      framework: opts.framework,
      kbPath: folder.kbPath,
      instanceId: opts.instanceId ?? 'bot-a',
      ...(opts.prefix ? { prefix: opts.prefix } : {}),
    });
    cleanups.push(folder.dispose, started.stop);
    return { ...started, kbPath: folder.kbPath };
  };
}

export const admin = (): FakeUser => fakeUser(ADMIN_ID, { languageCode: 'en', firstName: 'Ada' });

/** The text of the bot's reply to the funding question. */
export const fundingReply = async (b: AdminBot, user: FakeUser) =>
  (await b.h.say(user, FUNDING_QUESTION)).reply.visibleText;

/** `from` sends `content` as a document named `fileName`, with `caption`. */
export const upload = (
  b: AdminBot,
  from: FakeUser,
  content: string | Buffer,
  caption = '/reload',
  fileName = 'kb.json',
) => b.h.exchange(() => b.h.fake.sendDocument(from, { content, fileName }, { caption }), from.id);

/** The next knowledge base as kb:export writes it, with `edit` made to it as in Excel. */
export async function workbookOf(
  version: string,
  edit?: (workbook: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const bytes = await knowledgeBaseWorkbook(await nextKb(version));
  if (!edit) return bytes;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
