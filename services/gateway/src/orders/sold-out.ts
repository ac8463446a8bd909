import type { Counter } from 'prom-client';
import type { SoldOutCheck } from '../availability/book';
import { HttpError } from '../http/errors';
import type { OrderWorkflows } from './workflow-client';

/**
 * 409 sold_out, before any workflow is started, when the gateway knows one of the order's SKUs to be sold out
 * (see AvailabilityBook for when it trusts what it knows). Not for a retry of an order that exists already under
 * its Idempotency-Key — likely the very order that bought the last unit: that one is answered as before.
 */
export async function refuseIfSoldOut(
  { availability, workflows }: { availability: SoldOutCheck; workflows: Pick<OrderWorkflows, 'exists'> },
  order: { skus: string[]; orderId: string; keyed: boolean },
  refusals: Counter<'sku'>,
): Promise<void> {
  const soldOut = availability.soldOut(order.skus);
  if (soldOut.length === 0) return;
  if (order.keyed && (await workflows.exists(order.orderId))) return;
  for (const sku of soldOut) refusals.inc({ sku });
  throw new HttpError(409, 'sold_out', `sold out: ${soldOut.join(', ')}`);
}
