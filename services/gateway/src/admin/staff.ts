import type { Request } from 'express';
import { authenticate } from '../auth/authenticate';
import { forbidden, unauthenticated, type Caller } from '../auth/caller';
import { isStaff } from '../orders/access';

/** The admin API is for staff (auditors and operators): no token is 401, a customer's is 403. */
export function authenticateStaff(req: Request, secret: string): Caller {
  const caller = authenticate(req, secret);
  if (caller.role === 'guest') throw unauthenticated('the admin API requires an auditor or operator bearer token');
  if (!isStaff(caller)) throw forbidden('the admin API requires the auditor or operator role');
  return caller;
}
