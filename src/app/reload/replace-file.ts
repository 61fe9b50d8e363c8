import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface ReplaceResult {
  /** False when the file already held exactly this content (nothing was touched). */
  written: boolean;
  /** Where the previous content was kept; null when there was no previous file or nothing was written. */
  backupPath: string | null;
}

/** The backup of `path`: the content it had before the last replacement. */
export const backupPathOf = (path: string): string => `${path}.bak`;

/**
 * Replaces a file's content so that a reader (or a crash) sees either the old file or the new one, never a
 * half-written one: the content goes to a temporary file in the same folder, is flushed to disk, and is renamed
 * over the file. The previous content is kept at `<path>.bak` (replaced the same way). Content identical to the
 * file's is not written again, so that the backup keeps the version before it.
 */
export async function replaceFileAtomically(path: string, content: string): Promise<ReplaceResult> {
  const next = Buffer.from(content, 'utf8');
  const previous = await readIfExists(path);
  if (previous?.equals(next)) return { written: false, backupPath: null };
  const mode = previous ? (await stat(path)).mode & 0o777 : 0o644;
  let backupPath: string | null = null;
  if (previous) {
    backupPath = backupPathOf(path);
    await writeThenRename(backupPath, previous, mode);
  }
  await writeThenRename(path, next, mode);
  await syncFolder(dirname(path));
  return { written: true, backupPath };
}

async function writeThenRename(path: string, content: Buffer, mode: number): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes the renames durable; some file systems refuse to sync a folder, which only costs durability. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}
