import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { inventoryApi } from './http-api';

describe("inventory's HTTP API", () => {
  const queries: { sql: string; replacements: unknown }[] = [];
  const level = { sku: 'iPad', warehouseId: 'WH-WEST', available: 50, reserved: 0, shipped: 0 };
  const sequelize = {
    query: (async (sql: string, options: { replacements: unknown }) => {
      if (options.replacements instanceof Array && options.replacements[0] === 'boom') throw new Error('database gone');
      queries.push({ sql, replacements: options.replacements });
      return [level];
    }) as never,
  };
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = inventoryApi(sequelize, pino({ level: 'silent' })).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());
  beforeEach(() => (queries.length = 0));
  const call = async (path: string, method = 'GET') => {
    const response = await fetch(`${base}${path}`, { method });
    return [response.status, await response.json()];
  };

  it('GET /stock lists every SKU, or one', async () => {
    expect(await call('/stock')).toEqual([200, { stock: [level] }]);
    expect(await call('/stock?sku=iPad')).toEqual([200, { stock: [level] }]);
    expect(queries.map((query) => query.replacements)).toEqual([[], ['iPad']]);
    expect(queries[1]!.sql).toMatch(/WHERE sku = \?/);
  });

  it.each(['sku=a%20b', 'sku=a&sku=b', 'warehouse=WH-EAST', `sku=${'x'.repeat(65)}`])('refuses ?%s with a 400 and reads nothing', async (query) => {
    const [status, body] = await call(`/stock?${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: 'invalid_request', message: expect.any(String) } });
    expect(queries).toHaveLength(0);
  });

  it('answers other methods 405, unknown paths 404 and a failed read 500, all as JSON errors', async () => {
    expect(await call('/stock', 'POST')).toEqual([405, { error: { code: 'method_not_allowed', message: 'GET only' } }]);
    expect(await call('/toString')).toEqual([404, { error: { code: 'not_found', message: 'no route for GET /toString' } }]);
    expect(await call('/stock?sku=boom')).toEqual([500, { error: { code: 'internal_error', message: 'internal error' } }]);
  });
});
