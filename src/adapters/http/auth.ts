import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * A check of a secret sent by a client against the expected one, in constant time whatever their lengths
 * (both are hashed first), so that response timing says nothing about how much of a guess was right. The
 * expected secret is hashed once, here.
 */
export function secretChecker(expected: string): (sent: string | string[] | undefined) => boolean {
  const expectedDigest = digest(expected);
  return (sent) =>
    typeof sent === 'string' &&
    sent.length > 0 &&
    expected.length > 0 &&
    timingSafeEqual(digest(sent), expectedDigest);
}

/** One-off form of secretChecker. */
export function secretMatches(sent: string | string[] | undefined, expected: string): boolean {
  return secretChecker(expected)(sent);
}

/**
 * A check that a request carries `Authorization: Bearer <token>` with exactly this token (for admin routes).
 */
export function bearerTokenChecker(token: string): (headers: IncomingHttpHeaders) => boolean {
  const matches = secretChecker(token);
  return (headers) => matches(/^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim());
}

/** One-off form of bearerTokenChecker. */
export function bearerTokenMatches(headers: IncomingHttpHeaders, token: string): boolean {
  return bearerTokenChecker(token)(headers);
}
