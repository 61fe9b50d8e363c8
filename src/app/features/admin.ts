import { countEntriesPerLanguage } from '../../core/knowledge-base/diff.js';
import { knowledgeBaseText, type KbLoadResult } from '../../core/knowledge-base/load.js';
import type { AttachmentInput, DeskContext, DeskResponse, Feature } from '../feature.js';
import { BOT_API_DOWNLOAD_LIMIT_BYTES, type FetchDocument } from '../reload/document-fetcher.js';
import {
  MAX_REPORTED_ERRORS,
  type ClusterReloadResult,
  type InstanceStatus,
  type ReloadSource,
} from '../reload/reload-types.js';
import { ageText, perLanguageText, renderReloadResult } from '../reload/render-reload.js';

export interface AdminFeatureDeps {
  /** ADMIN_IDS: Telegram user ids allowed to reload and to see /kb. */
  adminIds: readonly number[];
  /** Reloads here, then on every other instance (ReloadBus.reloadEverywhere). */
  reloadEverywhere(source: ReloadSource, requestedBy: string): Promise<ClusterReloadResult>;
  /** What every running instance serves, for /kb (ReloadBus.instances). */
  instances(): Promise<InstanceStatus[]>;
  /** This instance: its id and when its knowledge base was loaded. */
  self: { instanceId: string; loadedAt(): number };
  fetchDocument: FetchDocument;
  /** Reads an uploaded .xlsx in the kb:export layout, every problem named by its cell. */
  readWorkbook(bytes: Buffer): Promise<KbLoadResult>;
  /** How long a reload waits for other instances (for the "no answer within N s" line). */
  replyWaitMs: number;
  /** Default: the Bot API's download limit, 20 MB. */
  maxUploadBytes?: number;
}

/** `/reload` or `/reload@bot` alone: the caption that turns an uploaded file into the knowledge base. */
const RELOAD_CAPTION = /^\/reload(@\w+)?$/i;

/** The files an admin may mean as a knowledge base: JSON, or a workbook from kb:export. */
const KNOWLEDGE_BASE_FILE = /\.(json|xlsx)$/i;
const KNOWLEDGE_BASE_TYPES = [
  'application/json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** An .xlsx is a zip archive; JSON never starts with its signature, `PK` and two control characters. */
const isZipArchive = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;

const isAdmin = (deps: AdminFeatureDeps, ctx: DeskContext) => deps.adminIds.includes(ctx.sender.userId);

/** Someone not in ADMIN_IDS: a polite refusal, and the attempt logged. */
function refuse(ctx: DeskContext, what: string): DeskResponse {
  ctx.log.warn(
    { userId: ctx.sender.userId, chatId: ctx.sender.chatId, attempt: what },
    'admin action refused',
  );
  return { replies: [{ html: ctx.t('admin:not_allowed') }] };
}

async function reload(deps: AdminFeatureDeps, ctx: DeskContext, source: ReloadSource): Promise<DeskResponse> {
  const result = await deps.reloadEverywhere(source, `telegram:${ctx.sender.userId}`);
  return { replies: [{ html: renderReloadResult(ctx.t, result, deps.replyWaitMs) }] };
}

/** A document captioned `/reload`: downloaded and reloaded everywhere; a workbook is checked here first. */
async function upload(
  deps: AdminFeatureDeps,
  input: AttachmentInput & { fileId: string },
  ctx: DeskContext,
): Promise<DeskResponse> {
  const maxBytes = deps.maxUploadBytes ?? BOT_API_DOWNLOAD_LIMIT_BYTES;
  if (input.fileSize !== undefined && input.fileSize > maxBytes) {
    const mb = (bytes: number) => Math.ceil(bytes / (1024 * 1024));
    return {
      replies: [{ html: ctx.t('admin:upload_too_big', { size: mb(input.fileSize), max: mb(maxBytes) }) }],
    };
  }
  let content: Buffer;
  try {
    content = await deps.fetchDocument(input.fileId, maxBytes);
  } catch (err) {
    ctx.log.warn({ err }, 'uploaded knowledge base could not be downloaded');
    return { replies: [{ html: ctx.t('admin:upload_failed') }] };
  }
  ctx.log.info({ bytes: content.length, fileName: input.fileName }, 'knowledge base uploaded by an admin');
  if (!isZipArchive(content)) return reload(deps, ctx, { kind: 'content', text: content.toString('utf8') });
  // A workbook is checked here, where its cells are known; the instances then share it as JSON.
  const read = await deps.readWorkbook(content);
  if (read.ok) return reload(deps, ctx, { kind: 'content', text: knowledgeBaseText(read.kb) });
  const refused: ClusterReloadResult = {
    kind: 'refused',
    errors: read.errors.slice(0, MAX_REPORTED_ERRORS),
    totalErrors: read.errors.length,
    version: ctx.snapshot.version,
  };
  return { replies: [{ html: renderReloadResult(ctx.t, refused, deps.replyWaitMs) }] };
}

function meantAsKnowledgeBase(input: AttachmentInput): boolean {
  return (
    KNOWLEDGE_BASE_FILE.test(input.fileName ?? '') || KNOWLEDGE_BASE_TYPES.includes(input.mimeType ?? '')
  );
}

/**
 * `/kb`: the version this instance serves and what every running instance reports, its last failure included;
 * without the instance registry, this instance alone.
 */
async function knowledgeBase(deps: AdminFeatureDeps, ctx: DeskContext): Promise<DeskResponse> {
  const here = ctx.snapshot;
  const now = Date.now();
  const lines = [
    ctx.t('admin:kb_title'),
    ctx.t('admin:kb_here', {
      id: deps.self.instanceId,
      version: here.version,
      count: here.kb.entries.length,
      perLanguage: perLanguageText(countEntriesPerLanguage(here.kb)),
      age: ageText(ctx.t, now - deps.self.loadedAt()),
    }),
  ];
  let instances: InstanceStatus[] | null = null;
  try {
    instances = await deps.instances();
  } catch (err) {
    ctx.log.warn({ err }, 'instance registry unavailable for /kb');
  }
  if (instances === null)
    return { replies: [{ html: [...lines, '', ctx.t('admin:kb_registry_unavailable')].join('\n') }] };
  lines.push('', ctx.t('admin:instances_title'));
  for (const status of instances) {
    lines.push(
      ctx.t('admin:kb_instance', {
        id: status.id,
        version: status.version,
        count: status.entries,
        age: ageText(ctx.t, now - status.loadedAt),
      }),
    );
    if (status.lastFailure) {
      const age = ageText(ctx.t, now - status.lastFailure.at);
      lines.push(ctx.t('admin:kb_instance_failure', { age, detail: status.lastFailure.detail }));
    }
  }
  if (new Set([here.version, ...instances.map((s) => s.version)]).size > 1)
    lines.push(ctx.t('admin:kb_versions_differ'));
  return { replies: [{ html: lines.join('\n') }] };
}

/**
 * A document: with the caption `/reload`, the new knowledge base (admins only); an admin's JSON or workbook
 * without it, a hint on how to reload. Other documents, and everyone else's, are left to other features.
 */
async function documentSent(deps: AdminFeatureDeps, input: AttachmentInput, ctx: DeskContext) {
  if (input.kind !== 'document' || input.fileId === undefined) return null;
  if (RELOAD_CAPTION.test(input.caption?.trim() ?? ''))
    return isAdmin(deps, ctx)
      ? upload(deps, { ...input, fileId: input.fileId }, ctx)
      : refuse(ctx, 'document /reload');
  // In private chats only: in the staff chat a file is for people, not for the knowledge base.
  if (ctx.sender.chatType === 'private' && isAdmin(deps, ctx) && meantAsKnowledgeBase(input))
    return { replies: [{ html: ctx.t('admin:reload_caption_hint') }] };
  return null;
}

/**
 * Admin commands: `/reload` reloads KB_PATH on every instance; a JSON document or an .xlsx workbook (the kb:export
 * layout) with the caption `/reload` replaces it; `/kb` shows the version each instance serves. Anyone not in
 * ADMIN_IDS gets a polite refusal and the attempt is logged. An admin's JSON or .xlsx without the caption is told
 * how to reload; other documents, and everyone else's, are left to other features.
 */
export function createAdminFeature(deps: AdminFeatureDeps): Feature {
  return {
    name: 'admin',
    commands: {
      reload: async (_input, ctx) =>
        isAdmin(deps, ctx) ? reload(deps, ctx, { kind: 'file' }) : refuse(ctx, '/reload'),
      kb: async (_input, ctx) => (isAdmin(deps, ctx) ? knowledgeBase(deps, ctx) : refuse(ctx, '/kb')),
    },
    attachment: (input, ctx) => documentSent(deps, input, ctx),
  };
}
