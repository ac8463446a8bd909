import express from 'express';
import type { HealthCheck, Logger } from '@omniflow/lib';
import type { AdminDeps } from './admin/admin-deps';
import { adminRoutes } from './admin/admin-routes';
import type { ConsoleUsers } from './auth/console-users';
import { login } from './auth/login';
import { registerAvailabilityGauge } from './availability/gauge';
import { consoleFiles } from './console/static';
import { errorHandler, notFound } from './http/errors';
import { healthRoutes } from './http/health';
import { readsAsJson } from './http/json-body';
import { refuseMalformedPath } from './http/malformed-url';
import { openApiRoutes } from './openapi/document-route';
import { gatewayMetrics, metricsRoute, observeRequests, type GatewayMetrics } from './http/observe';
import { traceRequests } from './http/tracing';
import type { OrderDeps } from './orders/order-deps';
import { orderRoutes } from './orders/order-routes';

/** An order body with 50 items fits in a few KiB; anything far larger is refused before it is parsed. */
export const MAX_BODY = '16kb';

/** Everything the routes work with; unit tests hand in fakes (testing/gateway.ts), main.ts the real ones. */
export type AppDeps = OrderDeps &
  AdminDeps & {
    /** Who may log in to the console. */
    users: ConsoleUsers;
    /** The built console's files. */
    consoleDir: string;
  };

export function createApp(
  deps: AppDeps,
  logger: Logger,
  health: Record<string, HealthCheck> = {},
  metrics: GatewayMetrics = gatewayMetrics(),
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // First: everything after runs in the request's span, and every response is timed and logged.
  app.use(traceRequests());
  app.use(observeRequests(metrics, logger));
  app.use(refuseMalformedPath);
  app.use(healthRoutes(health));
  registerAvailabilityGauge(metrics.registry, deps.availability);
  app.get('/metrics', metricsRoute(metrics));
  app.use(openApiRoutes());
  app.use(consoleFiles(deps.consoleDir));
  app.use(express.json({ limit: MAX_BODY, type: readsAsJson }));
  app.post('/api/v1/auth/login', login(deps));
  app.use(orderRoutes(deps, metrics));
  app.use(adminRoutes(deps));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
