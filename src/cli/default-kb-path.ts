import { loadDotEnv } from '../config/env.js';

/** Where the knowledge-base tools look when no file is given. */
export const DEFAULT_KB_PATH = 'data/knowledge-base.json';

/**
 * The knowledge-base file the bot serves: KB_PATH from the environment or .env in the working directory, else
 * data/knowledge-base.json. A .env that cannot be read is a usage error.
 */
export function defaultKbPath(): string | { usageError: string } {
  try {
    loadDotEnv();
  } catch (error) {
    return { usageError: `.env cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  return process.env.KB_PATH || DEFAULT_KB_PATH;
}
