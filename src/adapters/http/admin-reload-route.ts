import type { ClusterReloadResult, ReloadSource } from '../../app/reload/reload-types.js';
import { formatKbError, MAX_KNOWLEDGE_BASE_MB } from '../../core/knowledge-base/load.js';
import type { Logger } from '../../logger.js';
import { bearerTokenMatches } from './auth.js';
import { HttpError, json, type HttpResponse, type Route } from './types.js';

/** The largest knowledge base taken on any path (a 10,000-entry base in four languages is about 30 MB). */
const MAX_BODY_BYTES = MAX_KNOWLEDGE_BASE_MB * 1024 * 1024;

export interface AdminReloadRouteOptions {
  /** ADMIN_TOKEN; when unset there is no route at all. */
  token: string | undefined;
  /** ReloadBus.reloadEverywhere: here first, then every other instance. */
  reloadEverywhere(source: ReloadSource, requestedBy: string): Promise<ClusterReloadResult>;
  log: Logger;
}

/**
 * POST /admin/reload with `Authorization: Bearer $ADMIN_TOKEN` (compared in constant time; a wrong or missing
 * token gets 401 before the body is read). Without a body, every instance reloads KB_PATH; with a body, the body
 * is the new knowledge base (JSON) and replaces KB_PATH everywhere. Answers 200 with the report when it is in
 * service here (`everywhere` says whether every other instance followed), 422 with the errors when it was
 * refused, 500 when it could not be put in place. Returns null when ADMIN_TOKEN is not set, so that the endpoint
 * does not exist.
 */
export function adminReloadRoute(opts: AdminReloadRouteOptions): Route | null {
  const token = opts.token;
  if (!token) return null;
  return {
    method: 'POST',
    path: '/admin/reload',
    maxBodyBytes: MAX_BODY_BYTES,
    authorize(headers) {
      if (bearerTokenMatches(headers, token)) return;
      opts.log.warn(
        { hasAuthorization: headers.authorization !== undefined },
        'admin reload with a wrong token refused',
      );
      throw new HttpError(401, 'unauthorized');
    },
    async handle(req) {
      const text = req.body.toString('utf8');
      const source = text.trim() === '' ? ({ kind: 'file' } as const) : ({ kind: 'content', text } as const);
      req.log.info({ source: source.kind, bytes: req.body.length }, 'admin reload requested over HTTP');
      return toResponse(await opts.reloadEverywhere(source, 'http'));
    },
  };
}

function toResponse(result: ClusterReloadResult): HttpResponse {
  switch (result.kind) {
    case 'refused':
      return json(422, {
        ok: false,
        error: 'invalid_knowledge_base',
        version: result.version,
        totalErrors: result.totalErrors,
        errors: result.errors.map((e) => ({ ...e, text: formatKbError(e) })),
      });
    case 'failed':
      return json(500, {
        ok: false,
        error: 'not_put_in_place',
        reason: result.reason,
        version: result.version,
      });
    case 'done': {
      const local = result.local;
      const here =
        local?.status === 'reloaded'
          ? {
              status: local.status,
              version: local.version,
              previousVersion: local.previousVersion,
              entries: local.entries,
              perLanguage: local.perLanguage,
              added: local.diff.added,
              removed: local.diff.removed,
              changed: local.diff.changed,
              ms: local.ms,
            }
          : local;
      const everywhere =
        result.broadcast === 'sent' &&
        result.silent.length === 0 &&
        result.others.every((r) => r.status === 'reloaded');
      return json(200, {
        ok: true,
        everywhere,
        here,
        others: result.others,
        silent: result.silent,
        broadcast: result.broadcast,
      });
    }
  }
}
