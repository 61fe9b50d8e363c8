import { basename } from 'node:path';
import { formatKbError } from '../../core/knowledge-base/load.js';
import { LANGUAGES, type Language } from '../../core/language/languages.js';
import type { BoundTranslate } from '../feature.js';
import { shorten } from '../render/html.js';
import type { ClusterReloadResult, InstanceReloadReply } from './reload-types.js';

/** Ids listed per kind of change; the rest are counted, so that the reply stays well under 4096 characters. */
const MAX_IDS_SHOWN = 25;
/** One validation error's line, cut so that 20 of them fit in one message. */
const MAX_ERROR_CHARS = 160;

/** `en 27, zh 27, de 27, fr 27`. */
export function perLanguageText(counts: Record<Language, number>): string {
  return LANGUAGES.map((lang) => `${lang} ${counts[lang]}`).join(', ');
}

function idList(t: BoundTranslate, ids: readonly string[]): string {
  if (ids.length === 0) return t('admin:none');
  const shown = ids.slice(0, MAX_IDS_SHOWN).join(', ');
  return ids.length > MAX_IDS_SHOWN
    ? t('admin:ids_more', { ids: shown, count: ids.length - MAX_IDS_SHOWN })
    : shown;
}

/** One line per other instance, and one per instance that did not answer. */
function instanceLines(
  t: BoundTranslate,
  others: InstanceReloadReply[],
  silent: string[],
  waitMs: number,
): string[] {
  const lines = others.map((reply) => {
    const vars = {
      id: reply.instanceId,
      version: reply.version,
      ms: reply.ms ?? 0,
      problem: reply.problems?.[0] ?? '',
    };
    return t(`admin:instance_${reply.status}`, vars);
  });
  for (const id of silent) lines.push(t('admin:instance_silent', { id, seconds: Math.round(waitMs / 1000) }));
  return lines;
}

/**
 * The admin's reply to a reload, in HTML: the new version, entry counts per language and the ids added, removed
 * and changed, then each other instance's outcome; or, for a refusal, the first errors (entry id and field).
 */
export function renderReloadResult(t: BoundTranslate, result: ClusterReloadResult, waitMs: number): string {
  if (result.kind === 'refused') {
    const title = t('admin:refused_title', { count: result.totalErrors, version: result.version });
    const lines = result.errors.map((error) =>
      t('admin:bullet', { text: shorten(formatKbError(error), MAX_ERROR_CHARS) }),
    );
    const more = result.totalErrors - result.errors.length;
    return [title, '', ...lines, ...(more > 0 ? [t('admin:refused_more', { count: more })] : [])].join('\n');
  }
  if (result.kind === 'failed')
    return t('admin:failed_title', { reason: result.reason, version: result.version });

  const parts: string[] = [];
  const local = result.local;
  if (local.status === 'reloaded') {
    parts.push(
      t('admin:reloaded_title', { version: local.version, previous: local.previousVersion }),
      t('admin:entries', { count: local.entries, perLanguage: perLanguageText(local.perLanguage) }),
      t('admin:added', { count: local.diff.added.length, ids: idList(t, local.diff.added) }),
      t('admin:removed', { count: local.diff.removed.length, ids: idList(t, local.diff.removed) }),
      t('admin:changed', { count: local.diff.changed.length, ids: idList(t, local.diff.changed) }),
    );
    // By file name: where the server keeps its files is not the reader's business.
    if (local.backupPath) parts.push(t('admin:backup', { file: basename(local.backupPath) }));
  } else {
    parts.push(t('admin:superseded', { version: local.version }));
  }
  parts.push('', t('admin:instances_title'));
  if (result.broadcast === 'unavailable') parts.push(t('admin:broadcast_unavailable'));
  else {
    const lines = instanceLines(t, result.others, result.silent, waitMs);
    parts.push(...(lines.length > 0 ? lines : [t('admin:no_other_instances')]));
  }
  return parts.join('\n');
}

/** `42 s`, `5 min`, `3 h`, `2 d` in the reader's language. */
export function ageText(t: BoundTranslate, ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return t('admin:age_seconds', { count: seconds });
  if (seconds < 2 * 3600) return t('admin:age_minutes', { count: Math.round(seconds / 60) });
  if (seconds < 2 * 86400) return t('admin:age_hours', { count: Math.round(seconds / 3600) });
  return t('admin:age_days', { count: Math.round(seconds / 86400) });
}
