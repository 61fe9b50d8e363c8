import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Queue } from 'bullmq';
import type { Language } from '../../core/language/languages.js';
import type { Translate } from '../../i18n/translator.js';
import type { Logger } from '../../logger.js';
import { bullBoardApp, type NodeApp, type QueueAccess } from '../queue/bull-board-app.js';
import { adminSession, type AdminSession } from './admin-session.js';
import { signInPage } from './admin-sign-in-page.js';
import { readBody } from './read-body.js';
import { json, type HttpResponse, type PrefixRoute } from './types.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const SIGN_IN_PATH = `${QUEUE_DASHBOARD_PATH}/sign-in`;
const SESSION_COOKIE = 'desk_admin_queues';
/** A sign-in form holds one field; nothing longer is read. */
const SIGN_IN_MAX_BYTES = 4 * 1024;

export interface QueueDashboardOptions {
  /** ADMIN_TOKEN; when unset there is no dashboard at all. */
  token: string | undefined;
  queues: readonly Queue[];
  /** ADMIN_QUEUES. */
  access: QueueAccess;
  /** DEFAULT_LANGUAGE: the sign-in page's and the dashboard's language. */
  lang: Language;
  translate: Translate;
  log: Logger;
}

/**
 * The BullMQ dashboard at /admin/queues, behind ADMIN_TOKEN: a request with `Authorization: Bearer <token>` or
 * the session cookie reaches it; a browser without either gets a sign-in form (401) that posts the token to
 * /admin/queues/sign-in, which sets the cookie and sends it back to the dashboard; any other request gets 401
 * with no queue data. Returns null when ADMIN_TOKEN is not set, so that the pages do not exist.
 */
export function queueDashboardRoute(opts: QueueDashboardOptions): PrefixRoute | null {
  if (!opts.token) return null;
  const session = adminSession({ token: opts.token, cookieName: SESSION_COOKIE, path: QUEUE_DASHBOARD_PATH });
  const app = bullBoardApp({
    queues: opts.queues,
    access: opts.access,
    basePath: QUEUE_DASHBOARD_PATH,
    lang: opts.lang,
  });
  const page = (wrongToken: boolean) =>
    signInPage({ action: SIGN_IN_PATH, lang: opts.lang, translate: opts.translate, wrongToken });
  return {
    prefix: QUEUE_DASHBOARD_PATH,
    async handle(req, res, log) {
      const path = (req.url ?? '/').split('?')[0];
      if (path === SIGN_IN_PATH && req.method === 'POST') return signIn(req, session, page, log);
      if (session.allows(req.headers)) return runApp(app, req, res);
      if (req.headers.authorization !== undefined)
        log.warn('queue dashboard request with a wrong token refused');
      const isPage = (req.method === 'GET' || req.method === 'HEAD') && acceptsHtml(req);
      return isPage ? page(false) : json(401, { error: 'unauthorized' });
    },
  };
}

/** Checks the posted token; when right, sets the session cookie and sends the browser to the dashboard. */
async function signIn(
  req: IncomingMessage,
  session: AdminSession,
  page: (wrongToken: boolean) => HttpResponse,
  log: Logger,
): Promise<HttpResponse> {
  const form = new URLSearchParams((await readBody(req, SIGN_IN_MAX_BYTES)).toString('utf8'));
  if (!session.tokenMatches(form.get('token') ?? undefined)) {
    log.warn('queue dashboard sign-in with a wrong token refused');
    return page(true);
  }
  log.info('queue dashboard signed in');
  const viaHttps = req.headers['x-forwarded-proto'] === 'https';
  return {
    status: 303,
    headers: { location: QUEUE_DASHBOARD_PATH, 'set-cookie': session.signInCookie(viaHttps) },
  };
}

/** Lets the Express app answer; a path it does not know is a 404, its failure the server's 500. */
function runApp(app: NodeApp, req: IncomingMessage, res: ServerResponse): Promise<HttpResponse | null> {
  return new Promise((resolve, reject) => {
    res.once('close', () => resolve(null));
    app(req, res, (err) => (err ? reject(err) : resolve(json(404, { error: 'not_found' }))));
  });
}

const acceptsHtml = (req: IncomingMessage): boolean => (req.headers.accept ?? '').includes('text/html');
