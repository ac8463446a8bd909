import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { OrderView } from '@omniflow/contracts/orders';
import type { Catalog } from '../catalog/catalog';
import { HttpError } from '../http/errors';
import { parseOrderId, parseOrderRequest } from './request';
import type { OrderWorkflows } from './workflows';

const CURRENCY = 'USD';
const toAmount = (cents: number): number => cents / 100;

export function orderRoutes(catalog: Catalog, workflows: OrderWorkflows): Router {
  const router = Router();

  router.post('/api/v1/orders', async (req, res) => {
    if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send the order as application/json');
    const request = parseOrderRequest(req.body);
    const lines = await catalog.price(request.lines);
    const totalCents = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
    if (request.amountCents !== null && request.amountCents !== totalCents) {
      throw new HttpError(
        422,
        'amount_mismatch',
        `amount ${toAmount(request.amountCents)} does not match the catalog total ${toAmount(totalCents)}`,
      );
    }
    // A random UUID: order ids are not guessable, and one cannot be derived from another.
    const orderId = randomUUID();
    await workflows.start({ orderId, customerId: request.customerId, currency: CURRENCY, lines, totalCents });
    res
      .status(202)
      .location(`/api/v1/orders/${orderId}`)
      .json({ orderId, status: 'PENDING', amount: toAmount(totalCents), currency: CURRENCY });
  });

  router.get('/api/v1/orders/:id', async (req, res) => {
    const order = await workflows.get(parseOrderId(req.params.id));
    if (!order) throw new HttpError(404, 'order_not_found', `no order ${req.params.id}`);
    res.json(present(order));
  });

  return router;
}

function present(order: OrderView) {
  return {
    orderId: order.orderId,
    status: order.status,
    reason: order.reason,
    customerId: order.customerId,
    amount: toAmount(order.totalCents),
    currency: order.currency,
    items: order.lines.map((line) => ({ sku: line.sku, qty: line.quantity, unitPrice: toAmount(line.unitPriceCents) })),
    allocations: order.allocations,
    paymentId: order.paymentId,
    shipments: order.shipments,
    timeline: order.timeline,
  };
}
