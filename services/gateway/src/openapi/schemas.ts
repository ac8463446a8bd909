/**
 * The API's bodies as JSON Schema (2020-12, the dialect of OpenAPI 3.1). Limits and patterns come from the
 * validators' own constants, so the document cannot quote a stale limit; document.test.ts checks that these
 * schemas and the zod validators accept and refuse the same requests, and that real answers match them.
 */
import { SUBJECT } from '../auth/caller';
import { MAX_LIST_LIMIT } from '../orders/list-query';
import { MAX_ITEMS, MAX_QUANTITY, SKU } from '../orders/request';
import { ORDER_STATUSES } from '@omniflow/contracts/orders';

export type JsonSchema = Record<string, unknown>;

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const object = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  additionalProperties: false,
});

const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
const text = (maxLength: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength, pattern: '^\\P{Cc}*$' });
const subject: JsonSchema = { type: 'string', pattern: SUBJECT.source };
const sku: JsonSchema = { type: 'string', pattern: SKU.source };
/** Major units of the order's currency, e.g. 500 or 249.99. */
const amount: JsonSchema = { type: 'number', minimum: 0 };
const timestamp: JsonSchema = { type: 'string', format: 'date-time' };
const orderStatus = ref('OrderStatus');

export const schemas = {
  Error: {
    description: 'Every error: a stable machine-readable code and a message for people.',
    ...object({ error: object({ code: { type: 'string', examples: ['invalid_request'] }, message: { type: 'string' } }) }),
  },
  OrderStatus: { type: 'string', enum: ORDER_STATUSES },
  ShippingAddress: {
    description: 'Printable text without control characters; surrounding spaces are trimmed, and must leave something.',
    ...object(
      {
        name: text(100),
        line1: text(200),
        line2: nullable(text(200)),
        city: text(100),
        postalCode: text(16),
        country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. US or DE' },
      },
      ['line2'],
    ),
  },
  PlaceOrderRequest: {
    description: 'The server prices every order from its catalog; `amount`, when given, must equal that total.',
    ...object(
      {
        amount: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.01 },
        items: {
          type: 'array',
          minItems: 1,
          maxItems: MAX_ITEMS,
          description: 'A bare SKU means quantity 1; repeated SKUs are added up.',
          items: { anyOf: [sku, object({ sku, qty: { type: 'integer', minimum: 1, maximum: MAX_QUANTITY } })] },
        },
        customerId: { ...subject, description: "Only the bearer token's own subject; guests may not name one." },
        shippingAddress: ref('ShippingAddress'),
      },
      ['amount', 'customerId', 'shippingAddress'],
    ),
    examples: [{ amount: 500, items: ['iPhone15'] }],
  },
  PlacedOrder: object({ orderId: { type: 'string', format: 'uuid' }, status: orderStatus, amount, currency: { type: 'string' } }),
  AuditRequest: {
    ...object({ action: { enum: ['APPROVE', 'REJECT'] }, reason: nullable({ type: 'string', maxLength: 500 }) }, ['reason']),
    examples: [{ action: 'REJECT', reason: 'card country does not match' }],
  },
  CancelRequest: object({ reason: nullable({ type: 'string', maxLength: 500 }) }, ['reason']),
  Order: object({
    orderId: { type: 'string', format: 'uuid' },
    status: orderStatus,
    reason: nullable({ type: 'string' }),
    customerId: { type: 'string' },
    amount,
    currency: { type: 'string' },
    items: { type: 'array', items: object({ sku: { type: 'string' }, qty: { type: 'integer' }, unitPrice: amount }) },
    shippingAddress: nullable(ref('ShippingAddress')),
    allocations: {
      type: 'array',
      items: object({ sku: { type: 'string' }, warehouseId: { type: 'string' }, quantity: { type: 'integer' } }),
    },
    paymentId: nullable({ type: 'string' }),
    chargedAmount: amount,
    refundedAmount: amount,
    shipments: {
      type: 'array',
      description: 'One parcel per warehouse.',
      items: object({
        warehouseId: { type: 'string' },
        status: { enum: ['SCHEDULED', 'FAILED'] },
        shipmentId: nullable({ type: 'string' }),
        trackingNumber: nullable({ type: 'string' }),
        reason: nullable({ type: 'string' }),
        refundedAmount: amount,
      }),
    },
    review: nullable(
      object({ auditor: { type: 'string' }, action: { enum: ['APPROVE', 'REJECT'] }, reason: nullable({ type: 'string' }), at: timestamp }),
    ),
    timeline: { type: 'array', items: object({ status: orderStatus, at: timestamp, reason: nullable({ type: 'string' }) }) },
  }),
  OrderList: {
    description: `Newest first, at most ${MAX_LIST_LIMIT}.`,
    ...object({ orders: { type: 'array', items: ref('Order') } }),
  },
  Liveness: object({ status: { const: 'ok' } }),
  Readiness: {
    description: 'Each dependency the process needs, `ok` or why it is not.',
    ...object({ ready: { type: 'boolean' }, checks: { type: 'object', additionalProperties: { type: 'string' } } }),
    examples: [{ ready: false, checks: { database: 'ok', temporal: 'no answer within 2000 ms' } }],
  },
} satisfies Record<string, JsonSchema>;
