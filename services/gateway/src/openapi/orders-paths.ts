import { SUBJECT } from '../auth/caller';
import { IDEMPOTENCY_KEY } from '../orders/idempotency';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from '../orders/list-query';
import { ORDER_ID } from '../orders/request';
import {
  BEARER,
  bodyProblems,
  GUEST_OR_BEARER,
  header,
  json,
  jsonBody,
  operation,
  problem,
  unauthenticated,
  unavailable,
  type PathItem,
} from './parts';
import { ref } from './json-schema';

const orderId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: ORDER_ID.source } };
const badOrderId = (...more: string[]) => problem('Malformed order id or request.', ['invalid_order_id', ...more]);
const notFound = problem('No such order, or not one the caller may see (the two are not told apart).', ['order_not_found']);

export const orderPaths: Record<string, PathItem> = {
  '/api/v1/orders': {
    post: operation({
      operationId: 'placeOrder',
      tags: ['orders'],
      summary: 'Place an order: priced from the catalog, then its saga runs',
      security: GUEST_OR_BEARER,
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          description: 'A retry with the same key (and caller) gets the same order instead of a second one.',
          schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
        },
      ],
      requestBody: jsonBody('PlaceOrderRequest'),
      responses: {
        202: json('Accepted: the order workflow started.', ref('PlacedOrder'), { Location: header('`/api/v1/orders/{id}`.') }),
        200: json('A replay of an earlier request with this Idempotency-Key: that order, as it is now.', ref('PlacedOrder'), {
          Location: header('`/api/v1/orders/{id}`.'),
          'Idempotent-Replayed': header('Always `true`.'),
        }),
        400: problem('Malformed JSON, a body that breaks the schema, or a malformed key.', ['invalid_json', 'invalid_request', 'invalid_idempotency_key']),
        401: unauthenticated,
        403: problem('Staff (auditors, operators) place no orders; a customer may name only their own customerId.', ['forbidden']),
        409: problem(
          'This Idempotency-Key was used for a different order; or a SKU of the order is sold out, as inventory last announced (no order is started; an Idempotency-Key that already has its order gets that order instead).',
          ['idempotency_key_reused', 'sold_out'],
        ),
        ...bodyProblems,
        422: problem('A SKU is not in the catalog, or `amount` is not the catalog total.', ['unknown_sku', 'amount_mismatch']),
      },
    }),
    get: operation({
      operationId: 'listOrders',
      tags: ['orders'],
      summary: "List orders from the read model: a customer's own, or anyone's for staff (auditors, operators)",
      security: BEARER,
      parameters: [
        { name: 'status', in: 'query', schema: ref('OrderStatus') },
        { name: 'customerId', in: 'query', description: "Customers may name only themselves.", schema: { type: 'string', pattern: SUBJECT.source } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIST_LIMIT, default: DEFAULT_LIST_LIMIT } },
      ],
      responses: {
        200: json('The orders, newest first.', ref('OrderList')),
        400: problem('An unknown, repeated or malformed query parameter.', ['invalid_request']),
        401: unauthenticated,
        403: problem("A customer asked for another customer's orders.", ['forbidden']),
        503: unavailable,
      },
    }),
  },
  '/api/v1/orders/{id}': {
    get: operation({
      operationId: 'getOrder',
      tags: ['orders'],
      summary: 'Read one order, as its workflow has it now',
      security: GUEST_OR_BEARER,
      parameters: [orderId],
      responses: { 200: json('The order.', ref('Order')), 400: badOrderId(), 401: unauthenticated, 404: notFound, 503: unavailable },
    }),
  },
  '/api/v1/orders/{id}/audit': {
    post: operation({
      operationId: 'auditOrder',
      tags: ['orders'],
      summary: 'Approve or reject an order waiting in PENDING_REVIEW (auditors only)',
      security: BEARER,
      parameters: [orderId],
      requestBody: jsonBody('AuditRequest'),
      responses: {
        200: json('The order once the decision took effect (charged or failed to; or REJECTED).', ref('Order')),
        400: badOrderId('invalid_json', 'invalid_request', 'invalid_action'),
        401: unauthenticated,
        403: problem('The caller is not an auditor.', ['forbidden']),
        404: notFound,
        409: problem('The order is not waiting for a review.', ['not_awaiting_review']),
        503: unavailable,
        ...bodyProblems,
      },
    }),
  },
  '/api/v1/orders/{id}/cancel': {
    post: operation({
      operationId: 'cancelOrder',
      tags: ['orders'],
      summary: 'Cancel an order before shipping starts; what was done is compensated',
      security: GUEST_OR_BEARER,
      parameters: [orderId],
      requestBody: jsonBody('CancelRequest', false),
      responses: {
        200: json('The order, CANCELLED after its compensations.', ref('Order')),
        400: badOrderId('invalid_json', 'invalid_request'),
        401: unauthenticated,
        403: problem('Operators have read-only access.', ['forbidden']),
        404: notFound,
        409: problem('Shipping has started, or the order has ended.', ['too_late_to_cancel']),
        503: unavailable,
        ...bodyProblems,
      },
    }),
  },
};
