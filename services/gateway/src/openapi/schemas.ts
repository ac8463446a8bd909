/**
 * The API's bodies as JSON Schema (2020-12, the dialect of OpenAPI 3.1). Limits and patterns come from the
 * validators' own constants, so the document cannot quote a stale limit; document.test.ts checks that these
 * schemas and the zod validators accept and refuse the same requests, and that real answers match them.
 */
import { SUBJECT } from '../auth/caller';
import { CONSOLE_ROLES } from '../auth/console-users';
import { LOGIN_TOKEN_TTL_SECONDS, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH } from '../auth/login';
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
const orderId: JsonSchema = { type: 'string', format: 'uuid' };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const staffRole: JsonSchema = { enum: CONSOLE_ROLES };
/** Kafka offsets are 64-bit: as strings, since JSON numbers lose precision past 2^53. */
const offset: JsonSchema = { type: 'string', pattern: '^\\d+$' };
const listOf = (name: string, item: string): JsonSchema => object({ [name]: { type: 'array', items: ref(item) } });

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
  PlacedOrder: object({ orderId, status: orderStatus, amount, currency: { type: 'string' } }),
  AuditRequest: {
    ...object({ action: { enum: ['APPROVE', 'REJECT'] }, reason: nullable({ type: 'string', maxLength: 500 }) }, ['reason']),
    examples: [{ action: 'REJECT', reason: 'card country does not match' }],
  },
  CancelRequest: object({ reason: nullable({ type: 'string', maxLength: 500 }) }, ['reason']),
  Order: object({
    orderId,
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
  LoginRequest: {
    description: 'A console user (CONSOLE_USERS): staff only.',
    ...object({
      username: { type: 'string', minLength: 1, maxLength: MAX_USERNAME_LENGTH },
      password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
    }),
    examples: [{ username: 'audrey', password: 'correct horse battery staple' }],
  },
  Login: object({
    token: { type: 'string', description: 'Send as `Authorization: Bearer <token>`.' },
    tokenType: { const: 'Bearer' },
    expiresIn: { const: LOGIN_TOKEN_TTL_SECONDS, description: 'Seconds the token is valid.' },
    sub: subject,
    role: staffRole,
  }),
  ConsoleInfo: {
    description: "Who is signed in, and where the console's links to Temporal's Web UI point (null: no UI configured).",
    ...object({ sub: subject, role: staffRole, temporalUiUrl: nullable({ type: 'string', format: 'uri' }), temporalNamespace: { type: 'string' } }),
  },
  TopicSummary: object({
    topic: { type: 'string' },
    partitions: { type: 'array', items: object({ partition: count, endOffset: offset }) },
    lag: { type: 'object', description: 'Per consumer group reading the topic: messages not yet committed.', additionalProperties: count },
  }),
  TopicList: listOf('topics', 'TopicSummary'),
  KafkaMessage: object({
    topic: { type: 'string' },
    partition: count,
    offset,
    key: nullable({ type: 'string' }),
    timestamp,
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    type: nullable({ type: 'string', description: 'The message type, e.g. `inventory.ReserveStock`.' }),
    body: { description: 'The Avro body as JSON; null when it does not decode (then `error` says why).' },
    error: nullable({ type: 'string' }),
  }),
  KafkaMessageList: {
    description: 'From the start of the topic, oldest first within each partition.',
    ...listOf('messages', 'KafkaMessage'),
  },
  StockLevel: object({ sku: { type: 'string' }, warehouseId: { type: 'string' }, available: count, reserved: count, shipped: count }),
  StockList: listOf('stock', 'StockLevel'),
  OrderChange: {
    description: "An order's new status, enough to update a listing row: the data of an `order` event.",
    ...object({
      orderId,
      customerId: { type: 'string' },
      status: orderStatus,
      reason: nullable({ type: 'string' }),
      amount,
      currency: { type: 'string' },
      version: { type: 'integer', minimum: 1, description: "The timeline's length: only grows, so keep the highest seen." },
      createdAt: timestamp,
      at: timestamp,
    }),
  },
  Liveness: object({ status: { const: 'ok' } }),
  Readiness: {
    description: 'Each dependency the process needs, `ok` or why it is not.',
    ...object({ ready: { type: 'boolean' }, checks: { type: 'object', additionalProperties: { type: 'string' } } }),
    examples: [{ ready: false, checks: { database: 'ok', temporal: 'no answer within 2000 ms' } }],
  },
} satisfies Record<string, JsonSchema>;
