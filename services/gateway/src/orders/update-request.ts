import { z } from 'zod';
import type { AuditAction } from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';
import { parseWith, requireObject } from '../http/validate';

const AUDIT_ACTIONS: readonly AuditAction[] = ['APPROVE', 'REJECT'];
const reason = z.string().max(500, 'at most 500 characters').nullish();

/** `action` is checked on its own below, so that a wrong one gets its own error code. */
const auditBody = z.object({ action: z.unknown(), reason }).strict();
const cancelBody = z.object({ reason }).strict();

export function parseAuditRequest(body: unknown): { action: AuditAction; reason: string | null } {
  const { action, reason } = parseWith(auditBody, requireObject(body));
  if (!AUDIT_ACTIONS.includes(action as AuditAction)) {
    throw new HttpError(400, 'invalid_action', `action must be one of ${AUDIT_ACTIONS.join(', ')}`);
  }
  return { action: action as AuditAction, reason: reason ?? null };
}

/** The body is optional: no body cancels with no reason given. */
export function parseCancelRequest(body: unknown): { reason: string | null } {
  const { reason } = parseWith(cancelBody, body === undefined ? {} : requireObject(body));
  return { reason: reason ?? null };
}
