import { Router } from 'express';
import type { GatewayMetrics } from '../http/observe';
import type { OrderDeps } from './order-deps';
import { placeOrder } from './place-order';
import { getOrder, listOrders } from './read-orders';
import { auditOrder, cancelOrder } from './update-orders';

export function orderRoutes(deps: OrderDeps, metrics: GatewayMetrics): Router {
  return Router()
    .post('/api/v1/orders', placeOrder(deps, metrics))
    .get('/api/v1/orders', listOrders(deps))
    .get('/api/v1/orders/:id', getOrder(deps))
    .post('/api/v1/orders/:id/audit', auditOrder(deps))
    .post('/api/v1/orders/:id/cancel', cancelOrder(deps));
}
