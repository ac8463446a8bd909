import { z } from 'zod/v4';
import type { AuditAction } from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';
import { parseWith, requireObject } from '../http/validate';

export const AUDIT_ACTIONS = ['APPROVE', 'REJECT'] as const satisfies readonly AuditAction[];
const auditAction = z.enum(AUDIT_ACTIONS);
const reason = z.string().max(500, 'at most 500 characters').nullish();

export const auditRequest = z
  .strictObject({ action: auditAction, reason })
  .meta({ examples: [{ action: 'REJECT', reason: 'card country does not match' }] });
/** All of the body but `action`, checked first: a wrong action then gets its own error code. */
const auditRequestButAction = auditRequest.extend({ action: z.unknown() });
export const cancelRequest = z.strictObject({ reason });

export function parseAuditRequest(body: unknown): { action: AuditAction; reason: string | null } {
  const { action, reason } = parseWith(auditRequestButAction, requireObject(body));
  const known = auditAction.safeParse(action);
  if (!known.success) throw new HttpError(400, 'invalid_action', `action must be one of ${AUDIT_ACTIONS.join(', ')}`);
  return { action: known.data, reason: reason ?? null };
}

/** The body is optional: no body cancels with no reason given. */
export function parseCancelRequest(body: unknown): { reason: string | null } {
  const { reason } = parseWith(cancelRequest, body === undefined ? {} : requireObject(body));
  return { reason: reason ?? null };
}
