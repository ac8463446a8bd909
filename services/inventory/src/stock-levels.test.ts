import { RouteError } from '@omniflow/lib';
import { stockRoute } from './stock-levels';

describe('GET /stock', () => {
  const queries: { sql: string; replacements: unknown }[] = [];
  const route = stockRoute({
    query: (async (sql: string, options: { replacements: unknown }) => {
      queries.push({ sql, replacements: options.replacements });
      return [{ sku: 'iPad', warehouseId: 'WH-WEST', available: 50, reserved: 0, shipped: 0 }];
    }) as never,
  });
  beforeEach(() => (queries.length = 0));

  it('lists every SKU, or one', async () => {
    expect(await route(new URLSearchParams())).toEqual({ stock: [{ sku: 'iPad', warehouseId: 'WH-WEST', available: 50, reserved: 0, shipped: 0 }] });
    await route(new URLSearchParams('sku=iPad'));
    expect(queries.map((query) => query.replacements)).toEqual([[], ['iPad']]);
    expect(queries[1]!.sql).toMatch(/WHERE sku = \?/);
  });

  it.each(['sku=a%20b', 'sku=a&sku=b', 'warehouse=WH-EAST', `sku=${'x'.repeat(65)}`])('refuses %s with a 400 and reads nothing', async (query) => {
    await expect(route(new URLSearchParams(query))).rejects.toMatchObject({ status: 400, code: 'invalid_request' });
    await expect(route(new URLSearchParams(query))).rejects.toBeInstanceOf(RouteError);
    expect(queries).toHaveLength(0);
  });
});
