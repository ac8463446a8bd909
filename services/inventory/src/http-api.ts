import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Logger } from '@omniflow/lib';
import { readStockLevels } from './stock-levels';

/** SKUs as the stock table stores them (VARCHAR(64)). */
const IDENTIFIER = /^[A-Za-z0-9._-]{1,64}$/;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `sku` once, or not at all; anything else is the caller's mistake, refused before the database is read. */
function skuParameter(url: string): string | null {
  const query = new URL(url, 'http://localhost').searchParams;
  const unknown = [...query.keys()].filter((name) => name !== 'sku');
  if (unknown.length > 0) throw new ApiError(400, 'invalid_request', `unknown query parameter ${unknown.join(', ')}`);
  const skus = query.getAll('sku');
  if (skus.length > 1 || (skus.length === 1 && !IDENTIFIER.test(skus[0]!))) {
    throw new ApiError(400, 'invalid_request', 'sku: one value of 1-64 characters [A-Za-z0-9._-]');
  }
  return skus[0] ?? null;
}

const methodNotAllowed: RequestHandler = () => {
  throw new ApiError(405, 'method_not_allowed', 'GET only');
};

/**
 * Inventory's own HTTP API, served on its HEALTH_PORT beside health and metrics (see docs/inventory-api.md):
 * `GET /stock[?sku=]`, every SKU's levels per warehouse, for the gateway's console, which asks over HTTP because
 * the gateway never reads this service's database. Errors are `{"error": {"code", "message"}}`, as the gateway's.
 */
export function inventoryApi(sequelize: Pick<Sequelize, 'query'>, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/stock', async (req, res) => {
    res.json({ stock: await readStockLevels(sequelize, skuParameter(req.originalUrl)) });
  });
  app.all('/stock', methodNotAllowed);
  app.use((req) => {
    throw new ApiError(404, 'not_found', `no route for ${req.method} ${req.path}`);
  });
  const errors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    if (err instanceof ApiError) return void res.status(err.status).json({ error: { code: err.code, message: err.message } });
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: { code: 'internal_error', message: 'internal error' } });
  };
  app.use(errors);
  return app;
}
