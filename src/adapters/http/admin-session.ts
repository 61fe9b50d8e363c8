import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { bearerTokenChecker, secretChecker } from './auth.js';

/** How long a browser stays signed in before it asks for the token again. */
const SESSION_SECONDS = 12 * 3600;

export interface AdminSession {
  /** The request carries `Authorization: Bearer <token>` or the session cookie (both compared in constant time). */
  allows(headers: IncomingHttpHeaders): boolean;
  /** The token typed into a sign-in form is the right one (constant time). */
  tokenMatches(sent: string | undefined): boolean;
  /** The Set-Cookie header that signs a browser in; `secure` when the page was reached over HTTPS. */
  signInCookie(secure: boolean): string;
}

/**
 * Browser sessions for an admin page behind ADMIN_TOKEN, which a browser cannot send as a bearer header. The
 * cookie holds an HMAC of the token, not the token: it opens only the pages under `path` (not POST
 * /admin/reload), and changing ADMIN_TOKEN signs every browser out. HttpOnly keeps it from page scripts,
 * SameSite=Strict from requests that other sites make the browser send.
 */
export function adminSession(opts: { token: string; cookieName: string; path: string }): AdminSession {
  const { cookieName, path } = opts;
  const sessionValue = createHmac('sha256', opts.token)
    .update(`admin session for ${path}`)
    .digest('base64url');
  const bearerMatches = bearerTokenChecker(opts.token);
  const cookieMatches = secretChecker(sessionValue);
  const tokenMatches = secretChecker(opts.token);
  return {
    allows: (headers) => bearerMatches(headers) || cookieMatches(cookieValue(headers.cookie, cookieName)),
    tokenMatches: (sent) => tokenMatches(sent),
    signInCookie: (secure) =>
      [
        `${cookieName}=${sessionValue}`,
        `Path=${path}`,
        `Max-Age=${SESSION_SECONDS}`,
        'HttpOnly',
        'SameSite=Strict',
        ...(secure ? ['Secure'] : []),
      ].join('; '),
  };
}

/** The value of one cookie in a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
