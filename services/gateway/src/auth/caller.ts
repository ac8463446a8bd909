import type { Principal } from '@omniflow/lib/auth';
import { HttpError } from '../http/errors';

/**
 * Who sent a request: a verified token's principal, or a guest (no Authorization header). A guest's `sub` is
 * `guest`, the customer id guest orders are placed under; no token may claim it (see authenticate).
 */
export type Caller = Principal | typeof GUEST;

export const GUEST = { sub: 'guest', role: 'guest' } as const;

/** Customer ids and token subjects alike: they are stored as orders' customer_id VARCHAR(64). */
export const SUBJECT = /^[A-Za-z0-9._@-]{1,64}$/;

/** 401: who is asking is unknown or not believed; `WWW-Authenticate` says how to prove it. */
export const unauthenticated = (message: string): HttpError =>
  new HttpError(401, 'unauthenticated', message, { 'WWW-Authenticate': 'Bearer' });

/** 403: who is asking is known, and may not do this. */
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message);
