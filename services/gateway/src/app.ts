import express from 'express';
import type { HealthCheck, Logger } from '@omniflow/lib';
import { errorHandler, notFound } from './http/errors';
import { healthRoutes } from './http/health';
import { gatewayMetrics, metricsRoute, observeRequests, type GatewayMetrics } from './http/observe';
import { traceRequests } from './http/tracing';
import type { OrderDeps } from './orders/deps';
import { orderRoutes } from './orders/routes';

/** An order body with 50 items fits in a few KiB; anything far larger is refused before it is parsed. */
export const MAX_BODY = '16kb';

export function createApp(
  deps: OrderDeps,
  logger: Logger,
  health: Record<string, HealthCheck> = {},
  metrics: GatewayMetrics = gatewayMetrics(),
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // First: everything after runs in the request's span, and every response is timed and logged.
  app.use(traceRequests());
  app.use(observeRequests(metrics, logger));
  app.use(healthRoutes(health));
  app.get('/metrics', metricsRoute(metrics));
  app.use(express.json({ limit: MAX_BODY }));
  app.use(orderRoutes(deps, metrics));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
