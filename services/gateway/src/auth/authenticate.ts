import type { Request } from 'express';
import { TokenError, verifyToken } from '@omniflow/lib/auth';
import { GUEST, SUBJECT, unauthenticated, type Caller } from './caller';

/** RFC 6750's b64token after a case-insensitive "Bearer". */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * Reads the Authorization header. No header is a guest; any header that is not a valid bearer token is a
 * 401, never a guest, so a client with a broken or expired token learns so instead of seeing guest data.
 */
export function authenticate(req: Request, secret: string): Caller {
  const header = req.get('authorization');
  if (header === undefined) return GUEST;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  let principal;
  try {
    principal = verifyToken(secret, token);
  } catch (err) {
    if (err instanceof TokenError) throw unauthenticated(err.message);
    throw err;
  }
  if (principal.sub === GUEST.sub || !SUBJECT.test(principal.sub)) {
    throw unauthenticated(`token subject must be 1-64 characters of [A-Za-z0-9._@-] and not "${GUEST.sub}"`);
  }
  return principal;
}
