import { defineMessage, type BodyOf } from './codec';
import { optionalString } from './common';

const namespace = 'omniflow.orders';

/**
 * An order's status changed (published by the orchestrator right after it projects the change into the orders
 * read model). For watchers such as the gateway's live console feed: a notification, not a command; it carries
 * enough to update a listing row, and a reader wanting the whole order asks the API for it. Delivered at least
 * once and possibly out of order across retries: `version` (the timeline's length) only grows, so a reader
 * keeps the highest it has seen.
 */
export const OrderChanged = defineMessage('orders.OrderChanged', {
  type: 'record',
  name: 'OrderChanged',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'customerId', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'reason', ...optionalString() },
    { name: 'totalCents', type: 'long' },
    { name: 'currency', type: 'string' },
    { name: 'version', type: 'int' },
    /** When the order was placed and when this status was reached (ISO 8601). */
    { name: 'createdAt', type: 'string' },
    { name: 'at', type: 'string' },
  ],
});
export type OrderChanged = BodyOf<typeof OrderChanged>;
