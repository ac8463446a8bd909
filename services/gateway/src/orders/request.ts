import { z } from 'zod/v4';
import { mergeLines, type OrderLine } from '@omniflow/contracts';
import type { ShippingAddress } from '@omniflow/contracts/orders';
import { SUBJECT } from '../auth/caller';
import { HttpError } from '../http/errors';
import { parseWith, requireObject } from '../http/validate';
import { shippingAddress } from './address';

export const MAX_ITEMS = 50;
export const MAX_QUANTITY = 1000;

export const SKU = /^[A-Za-z0-9._-]{1,64}$/;
const sku = z.string().regex(SKU, 'must be 1-64 letters, digits, ".", "_" or "-"');

/** `"iPhone15"` is shorthand for `{"sku": "iPhone15", "qty": 1}`. */
const item = z.union([
  sku,
  z.strictObject({ sku, qty: z.number().int('must be a whole number').min(1).max(MAX_QUANTITY) }),
]);

export const orderRequest = z
  .strictObject({
    /** Optional; when given it must equal the catalog total, so a stale or tampered price is caught. */
    amount: z.number().positive().multipleOf(0.01, 'at most 2 decimals').optional(),
    items: z
      .array(item)
      .min(1, 'must list at least one item')
      .max(MAX_ITEMS, `at most ${MAX_ITEMS} items`)
      .describe('A bare SKU means quantity 1; repeated SKUs are added up.'),
    /** Optional; when given it must be the bearer token's own subject (see access.ts). */
    customerId: z
      .string()
      .regex(SUBJECT, 'must be 1-64 characters of [A-Za-z0-9._@-]')
      .optional()
      .describe("Only the bearer token's own subject; guests may not name one."),
    /** Optional: an order without one is collected at the pick-up counter. */
    shippingAddress: shippingAddress.optional(),
  })
  .meta({
    description: 'The server prices every order from its catalog; `amount`, when given, must equal that total.',
    examples: [{ amount: 500, items: ['iPhone15'] }],
  });

export interface OrderRequest {
  amountCents: number | null;
  /** One line per SKU, in the order the SKUs first appear. */
  lines: OrderLine[];
  customerId: string | null;
  shippingAddress: ShippingAddress | null;
}

/** Validates a POST body, or throws a 400 naming every field that is wrong. */
export function parseOrderRequest(body: unknown): OrderRequest {
  const { amount, items, customerId, shippingAddress } = parseWith(orderRequest, requireObject(body));
  return {
    amountCents: amount === undefined ? null : Math.round(amount * 100),
    lines: mergeLines(items.map((entry) => (typeof entry === 'string' ? { sku: entry, quantity: 1 } : { sku: entry.sku, quantity: entry.qty }))),
    customerId: customerId ?? null,
    shippingAddress: shippingAddress ?? null,
  };
}

export const ORDER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function parseOrderId(value: unknown): string {
  if (typeof value !== 'string' || !ORDER_ID.test(value)) throw new HttpError(400, 'invalid_order_id', 'order id must be a UUID');
  return value;
}
