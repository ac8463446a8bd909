import type { RequestHandler } from 'express';
import { authenticate } from '../auth/authenticate';
import { noteOrder } from '../http/observe';
import { customerFilterForListing, findVisibleOrder } from './access';
import { currentOrders } from './current-order';
import type { OrderDeps } from './order-deps';
import { parseListQuery } from './list-query';
import { presentOrder } from './present';
import { parseOrderId } from './request';

/** GET /api/v1/orders/:id, from the read model (milliseconds behind the workflow; see current-order.ts). */
export function getOrder({ workflows, directory, authSecret }: OrderDeps): RequestHandler {
  const orders = currentOrders(directory, workflows);
  return async (req, res) => {
    const caller = authenticate(req, authSecret);
    const orderId = parseOrderId(req.params.id);
    noteOrder(res, orderId);
    res.json(presentOrder(await findVisibleOrder(orders, caller, orderId)));
  };
}

/** GET /api/v1/orders?status=&customerId=&limit=, from the read model (a moment behind the workflows). */
export function listOrders({ directory, authSecret }: OrderDeps): RequestHandler {
  return async (req, res) => {
    const caller = authenticate(req, authSecret);
    const query = parseListQuery(req.query);
    const customerId = customerFilterForListing(caller, query.customerId);
    const orders = await directory.list({ ...query, customerId });
    res.json({ orders: orders.map(presentOrder) });
  };
}
