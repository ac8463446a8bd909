import type { Role } from '@omniflow/lib/auth';
import { serveGateway } from '../testing/gateway';

/**
 * Who may do what. Every refusal is also checked to have reached nothing behind the gateway: no workflow
 * started, no Update sent, no listing read.
 */
const gateway = serveGateway();

const ALICE = { sub: 'alice', role: 'customer' as Role };
const BOB = { sub: 'bob', role: 'customer' as Role };
const AUDITOR = { sub: 'audrey', role: 'auditor' as Role };
const OPERATOR = { sub: 'otto', role: 'operator' as Role };
const ALICES_ORDER = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const GUEST_ORDER = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const BAD_TOKEN = { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged' };

beforeEach(() => {
  gateway.orders.seed(ALICES_ORDER, 'alice');
  gateway.orders.seed(GUEST_ORDER, 'guest');
});

const expectUnauthenticated = (response: Awaited<ReturnType<typeof gateway.call>>) => {
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('unauthenticated');
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
};

describe('placing an order', () => {
  const place = (as?: typeof ALICE, body: object = { items: ['iPhone15'] }, headers?: Record<string, string>) =>
    gateway.call('/api/v1/orders', { method: 'POST', as, body, headers });

  it("places a customer's order under the token's subject, with or without customerId repeating it", async () => {
    expect((await place(ALICE)).status).toBe(202);
    expect((await place(ALICE, { items: ['iPhone15'], customerId: 'alice' })).status).toBe(202);
    expect(gateway.orders.starts.map((start) => start.input.customerId)).toEqual(['alice', 'alice']);
  });

  it("refuses a guest naming a customer: 401, as only that customer's token may", async () => {
    const response = await place(undefined, { items: ['iPhone15'], customerId: 'alice' });
    expectUnauthenticated(response);
    expect(response.body.error.message).toBe("customerId requires that customer's bearer token");
    expect(gateway.orders.starts).toEqual([]);
  });

  it.each([
    ['a customer placing for another customer', BOB, { items: ['iPhone15'], customerId: 'alice' }],
    ['an auditor', AUDITOR, { items: ['iPhone15'] }],
    ['an operator', OPERATOR, { items: ['iPhone15'] }],
  ])('refuses %s with 403', async (_name, as, body) => {
    const response = await place(as, body);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect(gateway.orders.starts).toEqual([]);
  });

  it('refuses a bad token with 401 instead of placing a guest order', async () => {
    expectUnauthenticated(await place(undefined, { items: ['iPhone15'] }, BAD_TOKEN));
    expect(gateway.orders.starts).toEqual([]);
  });
});

describe('reading and cancelling one order', () => {
  const read = (orderId: string, as?: typeof ALICE) => gateway.call(`/api/v1/orders/${orderId}`, { as });
  const cancel = (orderId: string, as?: typeof ALICE) =>
    gateway.call(`/api/v1/orders/${orderId}/cancel`, { method: 'POST', as, body: { reason: 'changed my mind' } });

  it.each([
    ['alice her own order', ALICE, ALICES_ORDER, 'alice'],
    ['an auditor any order', AUDITOR, ALICES_ORDER, 'audrey'],
    ['a guest an order placed as guest', undefined, GUEST_ORDER, 'guest'],
  ])('lets %s be read and cancelled, saying who cancelled', async (_name, as, orderId, requestedBy) => {
    const response = await read(orderId, as);
    expect(response.status).toBe(200);
    expect(response.body.orderId).toBe(orderId);

    const cancelled = await cancel(orderId, as);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ orderId, status: 'CANCELLED' });
    expect(gateway.orders.updates).toEqual([{ name: 'cancel', orderId, request: { reason: 'changed my mind', requestedBy } }]);
  });

  it.each([
    ["bob alice's order", BOB, ALICES_ORDER],
    ["a guest a customer's order", undefined, ALICES_ORDER],
    ['a customer an order placed as guest', ALICE, GUEST_ORDER],
  ])('hides from %s with 404, exactly as an unknown order, and sends no Update', async (_name, as, orderId) => {
    const unknown = await read('0b7f3c1e-9a4d-4e2f-8c61-5d0a9e8b7f21', as);
    for (const response of [await read(orderId, as), await cancel(orderId, as)]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'order_not_found', message: `no order ${orderId}` } });
    }
    expect(unknown.body.error.code).toBe('order_not_found');
    expect(gateway.orders.updates).toEqual([]);
  });

  it('lets an operator read any order but not cancel it (403, no Update)', async () => {
    expect((await read(ALICES_ORDER, OPERATOR)).status).toBe(200);
    const refused = await cancel(ALICES_ORDER, OPERATOR);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect(gateway.orders.updates).toEqual([]);
  });

  it('refuses a bad token with 401 even for a guest order', async () => {
    expectUnauthenticated(await gateway.call(`/api/v1/orders/${GUEST_ORDER}`, { headers: BAD_TOKEN }));
    expectUnauthenticated(await gateway.call(`/api/v1/orders/${GUEST_ORDER}/cancel`, { method: 'POST', headers: BAD_TOKEN }));
    expect(gateway.orders.updates).toEqual([]);
  });
});

describe('listing orders', () => {
  const list = (query: string, as?: typeof ALICE, headers?: Record<string, string>) => gateway.call(`/api/v1/orders${query}`, { as, headers });

  it.each([
    ['a customer, to their own', ALICE, '', 'alice'],
    ['a customer naming themselves', ALICE, '?customerId=alice', 'alice'],
    ['an auditor, to everyone', AUDITOR, '', null],
    ['an auditor, to the customer named', AUDITOR, '?customerId=bob', 'bob'],
    ['an operator, to everyone', OPERATOR, '', null],
  ])('limits %s', async (_name, as, query, customerId) => {
    const response = await list(query, as);
    expect(response.status).toBe(200);
    expect(gateway.orders.listings).toEqual([{ status: null, customerId, limit: 50 }]);
  });

  it("refuses a customer another customer's orders with 403", async () => {
    const response = await list('?customerId=bob', ALICE);
    expect(response.status).toBe(403);
    expect(gateway.orders.listings).toEqual([]);
  });

  it('refuses a guest, and a bad token, with 401', async () => {
    expectUnauthenticated(await list(''));
    expectUnauthenticated(await list('', undefined, BAD_TOKEN));
    expect(gateway.orders.listings).toEqual([]);
  });
});

describe('auditing an order', () => {
  const audit = (as?: typeof ALICE, headers?: Record<string, string>) =>
    gateway.call(`/api/v1/orders/${ALICES_ORDER}/audit`, { method: 'POST', as, headers, body: { action: 'APPROVE' } });

  it("records the auditor's subject as who decided", async () => {
    gateway.orders.seed(ALICES_ORDER, 'alice', 'PENDING_REVIEW');
    const response = await audit(AUDITOR);
    expect(response.status).toBe(200);
    expect(gateway.orders.updates).toEqual([{ name: 'audit', orderId: ALICES_ORDER, request: { action: 'APPROVE', reason: null, auditor: 'audrey' } }]);
  });

  it('refuses no token and a bad token with 401, sending no Update', async () => {
    expectUnauthenticated(await audit());
    expectUnauthenticated(await audit(undefined, BAD_TOKEN));
    expect(gateway.orders.updates).toEqual([]);
  });

  it.each([
    ['a customer, even the one who placed the order', ALICE],
    ['an operator', OPERATOR],
  ])('refuses %s with 403, sending no Update', async (_name, as) => {
    const response = await audit(as);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('forbidden');
    expect(gateway.orders.updates).toEqual([]);
  });
});
