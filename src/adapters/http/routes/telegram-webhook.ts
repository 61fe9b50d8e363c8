import type { Logger } from '../../../logger.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { InFlight } from '../../../runtime/in-flight.js';
import type { UpdateDedupe } from '../../../runtime/update-dedupe.js';
import { secretChecker } from '../auth.js';
import { HttpError, type HttpResponse, type Route } from '../types.js';

/** The least a Telegram update is; the framework adapter knows the rest. */
export interface IncomingUpdate {
  update_id: number;
  [field: string]: unknown;
}

export interface WebhookRouteOptions {
  /** The path of WEBHOOK_URL, e.g. `/telegram/webhook`. */
  path: string;
  /** WEBHOOK_SECRET; Telegram sends it in X-Telegram-Bot-Api-Secret-Token. */
  secret: string;
  /** Handles one update to the end (replies sent), behind the desk's error boundary. */
  handleUpdate(update: IncomingUpdate): Promise<void>;
  dedupe: UpdateDedupe;
  inFlight: InFlight;
  metrics: Pick<Metrics, 'webhookRequest'>;
  log: Logger;
  /**
   * Telegram is answered after this long even when the update is still being handled (it goes on in the
   * background), so that Telegram never times out and redelivers. Default 8 s.
   */
  replyWithinMs?: number;
  /** Default 1 MiB; updates are a few kilobytes. */
  maxBodyBytes?: number;
}

export interface WebhookEndpoint {
  route: Route;
  /** From now on updates get 503 (Telegram redelivers them later, to this instance or another). */
  stopTaking(): void;
}

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const OK: HttpResponse = { status: 200, body: '' };

/**
 * POST <path>: Telegram's webhook. A request without the right secret token gets 401 before its body is read
 * and is never handled; a repeated update_id gets 200 and is not handled again; everything else is handled
 * and answered 200 with an empty body (a JSON body could be taken for a webhook reply).
 */
export function createWebhookRoute(opts: WebhookRouteOptions): WebhookEndpoint {
  const replyWithinMs = opts.replyWithinMs ?? 8_000;
  let taking = true;
  const secretMatches = secretChecker(opts.secret);

  return {
    stopTaking: () => (taking = false),
    route: {
      method: 'POST',
      path: opts.path,
      maxBodyBytes: opts.maxBodyBytes ?? 1024 * 1024,
      authorize(headers) {
        if (secretMatches(headers[SECRET_HEADER])) return;
        opts.metrics.webhookRequest('unauthorized');
        opts.log.warn(
          { hasHeader: headers[SECRET_HEADER] !== undefined },
          'webhook call with a wrong secret token refused',
        );
        throw new HttpError(401, 'unauthorized');
      },
      async handle(req) {
        if (!taking) {
          opts.metrics.webhookRequest('draining');
          throw new HttpError(503, 'shutting_down');
        }
        const update = parseUpdate(req.body);
        if (!update) {
          opts.metrics.webhookRequest('bad_request');
          throw new HttpError(400, 'not_an_update');
        }
        return handleOnce(opts, update, replyWithinMs);
      },
    },
  };
}

/**
 * Handles an update unless its update_id was claimed already, and answers once it is done or once
 * `replyWithinMs` have passed, whichever comes first (the handling goes on in the background).
 */
async function handleOnce(
  opts: WebhookRouteOptions,
  update: IncomingUpdate,
  replyWithinMs: number,
): Promise<HttpResponse> {
  // The update's own logger is made only when there is something to say (the desk logs each update itself).
  const log = () => opts.log.child({ update_id: update.update_id });
  if (!(await opts.dedupe.claim(update.update_id))) {
    opts.metrics.webhookRequest('duplicate');
    log().info('repeated update ignored');
    return OK;
  }
  const work = opts.inFlight.track(
    opts.handleUpdate(update).then(
      // Not awaited: Telegram need not wait for the mark (claim already keeps repeats out meanwhile).
      () => void opts.dedupe.done(update.update_id),
      (err: unknown) => log().error({ err }, 'update failed outside the error boundary'),
    ),
  );
  const inTime = await settlesWithin(work, replyWithinMs);
  opts.metrics.webhookRequest(inTime ? 'handled' : 'slow');
  if (!inTime)
    log().warn({ replyWithinMs }, 'update still running; answered Telegram so that it does not redeliver');
  return OK;
}

/** True when `work` settles (either way) within `ms`, false once `ms` have passed. */
function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    work.then(settled, settled);
  });
}

function parseUpdate(body: Buffer): IncomingUpdate | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    const id = (value as { update_id?: unknown } | null)?.update_id;
    return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0
      ? (value as IncomingUpdate)
      : undefined;
  } catch {
    return undefined;
  }
}
