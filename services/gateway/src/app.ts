import express from 'express';
import type { Logger } from '@omniflow/lib';
import type { Catalog } from './catalog/catalog';
import { errorHandler, notFound } from './http/errors';
import { orderRoutes } from './orders/routes';
import type { OrderWorkflows } from './orders/workflows';

/** An order body with 50 items fits in a few KiB; anything far larger is refused before it is parsed. */
export const MAX_BODY = '16kb';

export function createApp(catalog: Catalog, workflows: OrderWorkflows, logger: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: MAX_BODY }));
  app.use(orderRoutes(catalog, workflows));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
