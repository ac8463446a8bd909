import { serveGateway, viewOf } from '../testing/gateway';

const gateway = serveGateway();
const AUDITOR = { sub: 'audrey', role: 'auditor' as const };
const list = (query: string) => gateway.call(`/api/v1/orders${query}`, { as: AUDITOR });

describe('GET /api/v1/orders', () => {
  it('passes status, customer and limit to the read model', async () => {
    const response = await list('?status=PENDING_REVIEW&customerId=alice&limit=7');
    expect(response.status).toBe(200);
    expect(gateway.orders.listings).toEqual([{ status: 'PENDING_REVIEW', customerId: 'alice', limit: 7 }]);
  });

  it.each([
    ['', 50],
    ['?limit=1', 1],
    ['?limit=100', 100],
  ])('lists %j with limit %d', async (query, limit) => {
    expect((await list(query)).status).toBe(200);
    expect(gateway.orders.listings[0]?.limit).toBe(limit);
  });

  it('presents each order as GET /api/v1/orders/:id does, in the order the read model gave', async () => {
    const lines = [{ sku: 'MacPro', quantity: 1, unitPriceCents: 20_000_00 }];
    const newer = viewOf({ orderId: 'b0000000-0000-4000-8000-000000000000', customerId: 'bob', currency: 'USD', lines, totalCents: 20_000_00, shippingAddress: null }, 'PENDING_REVIEW');
    const older = viewOf({ ...newer, orderId: 'a0000000-0000-4000-8000-000000000000', customerId: 'alice' }, 'COMPLETED');
    gateway.orders.listed = [newer, older];
    const response = await list('');
    expect(response.body.orders).toMatchObject([
      { orderId: newer.orderId, customerId: 'bob', status: 'PENDING_REVIEW', amount: 20_000, items: [{ sku: 'MacPro', qty: 1, unitPrice: 20_000 }] },
      { orderId: older.orderId, customerId: 'alice', status: 'COMPLETED' },
    ]);
  });

  it.each([
    ['an unknown status', '?status=LOST'],
    ['a status in lower case', '?status=pending'],
    ['a zero limit', '?limit=0'],
    ['a limit over 100', '?limit=101'],
    ['a fractional limit', '?limit=2.5'],
    ['a limit that is not a number', '?limit=ten'],
    ['a repeated status', '?status=PAID&status=PENDING'],
    ['a customer id with odd characters', '?customerId=a%20b'],
    ['an unknown parameter', '?sort=asc'],
  ])('refuses %s with 400, reading nothing', async (_name, query) => {
    const response = await list(query);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(gateway.orders.listings).toEqual([]);
  });
});
