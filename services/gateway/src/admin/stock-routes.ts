import { Router } from 'express';
import { z } from 'zod/v4';
import { parseWith } from '../http/validate';
import { SKU } from '../orders/request';
import type { AdminDeps } from './admin-deps';
import { authenticateStaff } from './staff';

const stockQuery = z.object({ sku: z.string().regex(SKU, 'must be 1-64 letters, digits, ".", "_" or "-"').optional() }).strict();

/** GET /api/v1/admin/stock[?sku=]: each SKU's units per warehouse (available, reserved, shipped), for staff. */
export function stockRoutes({ stock, authSecret }: AdminDeps): Router {
  return Router().get('/api/v1/admin/stock', async (req, res) => {
    authenticateStaff(req, authSecret);
    const { sku } = parseWith(stockQuery, req.query, 'query');
    res.json({ stock: await stock.levels(sku ?? null) });
  });
}
