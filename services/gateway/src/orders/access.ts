import type { OrderView } from '@omniflow/contracts/orders';
import { forbidden, unauthenticated, type Caller } from '../auth/caller';
import { HttpError } from '../http/errors';
import type { OrderSource } from './current-order';

/** Staff see every order: auditors (who also decide reviews and may cancel) and operators (read-only). */
export const isStaff = (caller: Caller): boolean => caller.role === 'auditor' || caller.role === 'operator';

/**
 * Who may see an order: staff any; anyone else only orders placed under their own id. Guests share the
 * id `guest`: for them the unguessable order id is the capability, like a receipt link.
 */
export function canSee(caller: Caller, order: Pick<OrderView, 'customerId'>): boolean {
  return isStaff(caller) || order.customerId === caller.sub;
}

export const orderNotFound = (orderId: string): HttpError => new HttpError(404, 'order_not_found', `no order ${orderId}`);

/** An order the caller may not see answers exactly like one that does not exist, so ids are never confirmed. */
export async function findVisibleOrder(orders: OrderSource, caller: Caller, orderId: string): Promise<OrderView> {
  const order = await orders.get(orderId);
  if (!order || !canSee(caller, order)) throw orderNotFound(orderId);
  return order;
}

/** The customer a new order is placed for: the token's subject, or `guest`; a body customerId may only repeat it. */
export function customerIdForNewOrder(caller: Caller, requested: string | null): string {
  if (isStaff(caller)) throw forbidden(`${caller.role}s may not place orders`);
  if (requested === null || requested === caller.sub) return caller.sub;
  if (caller.role === 'guest') throw unauthenticated("customerId requires that customer's bearer token");
  throw forbidden('customerId must be the customer the bearer token was issued to');
}

/** Whose orders a listing shows: staff's choice (null: everyone's); a customer's own; a guest may not list. */
export function customerFilterForListing(caller: Caller, requested: string | null): string | null {
  switch (caller.role) {
    case 'auditor':
    case 'operator':
      return requested;
    case 'customer':
      if (requested !== null && requested !== caller.sub) throw forbidden('customers may list only their own orders');
      return caller.sub;
    case 'guest':
      throw unauthenticated('listing orders requires a bearer token');
  }
}

export function requireAuditor(caller: Caller): void {
  if (caller.role === 'guest') throw unauthenticated('auditing requires an auditor bearer token');
  if (caller.role !== 'auditor') throw forbidden('auditing requires the auditor role');
}

/** Operators look, they do not act on orders. */
export function requireMayChange(caller: Caller): void {
  if (caller.role === 'operator') throw forbidden('operators have read-only access');
}
