import { createHash, createHmac } from 'node:crypto';
import type { OrderLine } from '@omniflow/contracts';
import type { ShippingAddress } from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';

/**
 * Idempotency-Key on POST /api/v1/orders. The key does not live in a table of ours: it decides the order id,
 * which decides the workflow id, and Temporal refuses a second workflow with that id (REJECT_DUPLICATE). So a
 * key is remembered as long as Temporal keeps the workflow, closed ones included: the namespace's retention
 * period. A key reused after that starts a new order.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export function parseIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-128 characters of [A-Za-z0-9._:-]');
  }
  return header;
}

/**
 * The order id for a key: an HMAC under the server's secret, so it cannot be guessed from the key, and keyed
 * per principal (customer id or `guest`), so two customers' equal keys never meet. Laid out as a version 4
 * UUID so it reads like every other order id.
 */
export function orderIdForKey(secret: string, principalScope: string, key: string): string {
  const bytes = createHmac('sha256', secret).update(`${principalScope}\n${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What makes two requests the same order: not the item order or spelling (`"x"` vs `{"sku":"x","qty":1}`). */
export interface NormalisedOrder {
  customerId: string;
  lines: OrderLine[];
  shippingAddress: ShippingAddress | null;
}

/**
 * SHA-256 of the normalised request as canonical JSON. Lines are unpriced, so a retry after a price change
 * is still the same request; `amount` is left out, as it can only repeat the catalog total.
 */
export function requestHashOf(order: NormalisedOrder): string {
  const lines = [...order.lines].sort((a, b) => byCodeUnits(a.sku, b.sku));
  return createHash('sha256').update(canonicalJson({ ...order, lines })).digest('hex');
}

/** Locale-independent, so the hash is the same on every server. */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => byCodeUnits(a, b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
