import { z } from 'zod/v4';
import { ORDER_STATUSES } from '@omniflow/contracts/orders';
import type { OrderFilter } from '@omniflow/lib/orders-read-model';
import { SUBJECT } from '../auth/caller';
import { limitParam, parseWith } from '../http/validate';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 100;

/** Query values are strings, or arrays when repeated: a repeated parameter is refused like any wrong type. */
const listQuery = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    customerId: z.string().regex(SUBJECT, 'must be 1-64 characters of [A-Za-z0-9._@-]').optional(),
    limit: limitParam(MAX_LIST_LIMIT).optional(),
  })
  .strict();

/** A listing's query as the read model takes it: an absent filter is null, an absent limit the default. */
export function parseListQuery(query: unknown): OrderFilter {
  const { status, customerId, limit } = parseWith(listQuery, query, 'query');
  return { status: status ?? null, customerId: customerId ?? null, limit: limit ?? DEFAULT_LIST_LIMIT };
}
