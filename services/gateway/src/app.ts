import express from 'express';
import type { HealthCheck, Logger } from '@omniflow/lib';
import { errorHandler, notFound } from './http/errors';
import { healthRoutes } from './http/health';
import { openApiRoutes } from './openapi/routes';
import type { OrderDeps } from './orders/deps';
import { orderRoutes } from './orders/routes';

/** An order body with 50 items fits in a few KiB; anything far larger is refused before it is parsed. */
export const MAX_BODY = '16kb';

export function createApp(deps: OrderDeps, logger: Logger, health: Record<string, HealthCheck> = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(health));
  app.use(openApiRoutes());
  app.use(express.json({ limit: MAX_BODY }));
  app.use(orderRoutes(deps));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
