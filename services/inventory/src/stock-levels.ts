import { QueryTypes, type Sequelize } from 'sequelize';
import type { StockLevel } from '@omniflow/contracts';
import { RouteError, type ReadRoute } from '@omniflow/lib';

/** SKUs and warehouse ids as the stock table stores them (VARCHAR(64)). */
const IDENTIFIER = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `GET /stock[?sku=]` on the health port: every SKU's levels per warehouse, for the gateway's console (which
 * asks over HTTP: the gateway never reads this service's database). Read-only, one indexed query.
 */
export function stockRoute(sequelize: Pick<Sequelize, 'query'>): ReadRoute {
  return async (query) => {
    const unknown = [...query.keys()].filter((name) => name !== 'sku');
    if (unknown.length > 0) throw new RouteError(400, 'invalid_request', `unknown query parameter ${unknown.join(', ')}`);
    const skus = query.getAll('sku');
    if (skus.length > 1 || (skus.length === 1 && !IDENTIFIER.test(skus[0]!))) {
      throw new RouteError(400, 'invalid_request', 'sku: one value of 1-64 characters [A-Za-z0-9._-]');
    }
    const stock = await sequelize.query<StockLevel>(
      `SELECT sku, warehouse_id AS warehouseId, available, reserved, shipped FROM stock${skus.length ? ' WHERE sku = ?' : ''} ORDER BY sku, warehouse_id`,
      { replacements: skus, type: QueryTypes.SELECT },
    );
    return { stock };
  };
}
