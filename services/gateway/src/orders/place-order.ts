import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { OrderWorkflowInput } from '@omniflow/contracts/orders';
import { authenticate } from '../auth/authenticate';
import { HttpError } from '../http/errors';
import { requireJsonBody } from '../http/json-body';
import { noteOrder, type GatewayMetrics } from '../http/observe';
import { customerIdForNewOrder } from './access';
import { currentOrders } from './current-order';
import type { OrderDeps } from './order-deps';
import { orderIdForKey, parseIdempotencyKey, requestHashOf } from './idempotency';
import { toAmount } from './present';
import { parseOrderRequest } from './request';
import { refuseIfSoldOut } from './sold-out';

const CURRENCY = 'USD';

/**
 * POST /api/v1/orders: 202 and a new workflow, 200 `Idempotent-Replayed` for a repeated Idempotency-Key, or 409
 * sold_out (no workflow) for a SKU the gateway knows to be sold out.
 */
export function placeOrder(deps: OrderDeps, metrics: Pick<GatewayMetrics, 'ordersPlaced' | 'soldOutRefusals'>): RequestHandler {
  const { catalog, workflows, directory, policy, authSecret } = deps;
  const placed = metrics.ordersPlaced;
  const orders = currentOrders(directory, workflows);
  return async (req, res) => {
    const caller = authenticate(req, authSecret);
    requireJsonBody(req, 'the order');
    const key = parseIdempotencyKey(req.get('idempotency-key'));
    const request = parseOrderRequest(req.body);
    const customerId = customerIdForNewOrder(caller, request.customerId);
    // Without a key, a random UUID: order ids are not guessable, and one cannot be derived from another.
    const orderId = key === null ? randomUUID() : orderIdForKey(authSecret, caller.sub, key);
    // Before pricing: in a flash sale most requests are for a sold-out SKU, and their answer needs no catalog read.
    await refuseIfSoldOut(deps, { skus: request.lines.map((line) => line.sku), orderId, keyed: key !== null }, metrics.soldOutRefusals);
    noteOrder(res, orderId);
    const lines = await catalog.price(request.lines);
    const totalCents = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
    if (request.amountCents !== null && request.amountCents !== totalCents) {
      throw new HttpError(
        422,
        'amount_mismatch',
        `amount ${toAmount(request.amountCents)} does not match the catalog total ${toAmount(totalCents)}`,
      );
    }
    const { shippingAddress } = request;
    const placedAt = new Date().toISOString();
    const input: OrderWorkflowInput = { orderId, customerId, currency: CURRENCY, lines, totalCents, shippingAddress, policy, placedAt };
    const requestHash = requestHashOf({ customerId, lines: request.lines, shippingAddress });

    const outcome = await workflows.start(input, requestHash);
    if (outcome.started) {
      placed.inc({ outcome: 'started' });
      return answer(res, 202, orderId, { status: 'PENDING', totalCents, currency: CURRENCY });
    }
    if (outcome.requestHash !== requestHash) {
      throw new HttpError(409, 'idempotency_key_reused', 'this Idempotency-Key was already used for a different order');
    }
    const existing = await orders.get(orderId);
    if (!existing) throw new Error(`order ${orderId} was started but cannot be read back`);
    placed.inc({ outcome: 'replayed' });
    res.set('Idempotent-Replayed', 'true');
    answer(res, 200, orderId, existing);
  };
}

function answer(res: Response, status: number, orderId: string, order: { status: string; totalCents: number; currency: string }): void {
  res
    .status(status)
    .location(`/api/v1/orders/${orderId}`)
    .json({ orderId, status: order.status, amount: toAmount(order.totalCents), currency: order.currency });
}
