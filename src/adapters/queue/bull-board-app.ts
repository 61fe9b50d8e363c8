import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Language } from '../../core/language/languages.js';

/**
 * An Express app as node:http sees it. The third argument, which Express's typings leave out, is called when
 * no route answered (without an error) or a route failed (with it), so that the caller answers those itself.
 */
export type NodeApp = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** ADMIN_QUEUES: `read` shows the queues and their jobs; `write` also lets an admin retry or remove jobs. */
export type QueueAccess = 'read' | 'write';

/** bull-board's translations of the desk's languages. */
const BOARD_LOCALES: Record<Language, string> = { en: 'en-US', zh: 'zh-CN', de: 'de-DE', fr: 'fr-FR' };

/**
 * The BullMQ dashboard (bull-board) over these queues, as an Express app that serves its page, static files
 * and JSON API under `basePath`. With `read` access every queue is in bull-board's read-only mode: its API
 * refuses retry, remove, promote, clean, pause and add with 405, and the page shows no such buttons.
 */
export function bullBoardApp(opts: {
  queues: readonly Queue[];
  access: QueueAccess;
  basePath: string;
  lang: Language;
}): NodeApp {
  const board = new ExpressAdapter().setBasePath(opts.basePath);
  createBullBoard({
    queues: opts.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: opts.access === 'read' })),
    serverAdapter: board,
    options: {
      uiConfig: {
        boardTitle: 'Community Desk',
        locale: { lng: BOARD_LOCALES[opts.lang] },
        hideDocsLink: true,
      },
    },
  });
  const boardRoutes = board.getRouter() as express.Express;
  boardRoutes.disable('x-powered-by');
  const app = express();
  app.disable('x-powered-by');
  app.use(opts.basePath, boardRoutes);
  return app as unknown as NodeApp;
}
