/** What stands for a secret taken out of a log line. */
export const REDACTED = '<redacted>';

/**
 * The bot token inside a Bot API address: `/bot<id>:<secret>/` and `/file/bot<id>:<secret>/`. HTTP clients put
 * the whole address in their error messages ("request to https://api.telegram.org/bot123:AA.../getUpdates
 * failed"), so any string headed for the logs goes through here.
 */
const TOKEN_IN_PATH = /\/bot\d+:[^/\s"'?#]+/g;
/** User and password in an address, as in `redis://:password@host:6379` (REDIS_URL). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

/**
 * Takes secrets out of a string headed for the logs: a bot token inside any Bot API address becomes
 * `/bot<redacted>`, and the user and password of any address `<redacted>@`. Cheap tests first: most strings
 * hold neither.
 */
export function scrubSecrets(text: string): string {
  let out = text;
  if (out.includes('/bot')) out = out.replace(TOKEN_IN_PATH, `/bot${REDACTED}`);
  if (out.includes('@')) out = out.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  return out;
}

/**
 * A last defence for whole log lines: returns a function that takes the secret part of `token` (after the
 * bot id, which is public) out of a line wherever it stands. A substring test comes first: lines almost never
 * hold it, and the test costs next to nothing.
 */
export function lineScrubber(token: string): (line: string) => string {
  const secret = token.slice(token.indexOf(':') + 1);
  if (secret === '') return (line) => line;
  return (line) => (line.includes(secret) ? line.replaceAll(secret, REDACTED) : line);
}
