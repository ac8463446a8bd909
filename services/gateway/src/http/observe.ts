import type { Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { METRICS_CONTENT_TYPE, activeTraceIds, createRegistry, metricsText, type Logger } from '@omniflow/lib';

export interface GatewayMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  ordersPlaced: Counter<'outcome'>;
  soldOutRefusals: Counter<'sku'>;
}

export function gatewayMetrics(registry: Registry = createRegistry('gateway')): GatewayMetrics {
  const registers = [registry];
  return {
    registry,
    requestDuration: new Histogram({
      name: 'omniflow_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the order id itself) and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    ordersPlaced: new Counter({
      name: 'omniflow_orders_placed_total',
      help: 'POST /api/v1/orders that started an order (outcome="started") or replayed one for its Idempotency-Key ("replayed")',
      labelNames: ['outcome'] as const,
      registers,
    }),
    soldOutRefusals: new Counter({
      name: 'omniflow_gateway_sold_out_refusals_total',
      help: 'POST /api/v1/orders refused 409 sold_out, without a workflow, per SKU known to be sold out',
      labelNames: ['sku'] as const,
      registers,
    }),
  };
}

/** The route's pattern (`/api/v1/orders/:id`), so the label has a few values, not one per order. */
export function routeOf(req: Request): string {
  return req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
}

/** Names the order a request is about, for its log line (set by the order routes once they know the id). */
export function noteOrder(res: Response, orderId: string): void {
  res.locals.orderId = orderId;
}

/** Probes are polled every few seconds: their lines would bury the ones about orders. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** When a response is done: its duration into the histogram, and one log line (with the order it was about, if any). */
export function observeRequests({ requestDuration }: GatewayMetrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: 'close' is emitted from the socket's context, not the request's, where no trace is active.
    const trace = activeTraceIds();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      requestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const orderId: string | undefined = res.locals.orderId;
      const line = {
        ...trace,
        ...(orderId && { orderId, workflowId: workflowIdFor(orderId) }),
        method: req.method,
        route,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      };
      if (QUIET_ROUTES.has(route)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

/** GET /metrics: this process's registry in Prometheus text. */
export function metricsRoute({ registry }: GatewayMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(METRICS_CONTENT_TYPE).send(await metricsText({ registry }));
  };
}
