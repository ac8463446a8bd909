import { SECRET, serveGateway } from '../testing/gateway';
import { orderIdForKey } from './idempotency';
import { parseOrderId } from './request';

const gateway = serveGateway();
const ALICE = { sub: 'alice', role: 'customer' as const };
const order = { items: [{ sku: 'iPhone15', qty: 2 }, 'AirPods'], shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } };

const place = (key: string, body: unknown = order, as?: typeof ALICE) =>
  gateway.call('/api/v1/orders', { method: 'POST', as, body, headers: { 'idempotency-key': key } });

describe('Idempotency-Key on POST /api/v1/orders', () => {
  it('answers a repeat with the same order and 200 Idempotent-Replayed, starting one workflow', async () => {
    const first = await place('checkout-42');
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    gateway.orders.orders.set(first.body.orderId, { ...gateway.orders.orders.get(first.body.orderId)!, status: 'PAID' });

    const again = await place('checkout-42');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual({ orderId: first.body.orderId, status: 'PAID', amount: first.body.amount, currency: 'USD' });
    expect(gateway.orders.starts).toHaveLength(1);
  });

  it('takes the same order written differently (item order, shorthand, address spacing) as a repeat', async () => {
    const first = await place('checkout-42');
    const reordered = { items: ['AirPods', 'iPhone15', { sku: 'iPhone15', qty: 1 }], shippingAddress: { ...order.shippingAddress, name: ' Ada ' } };
    const again = await place('checkout-42', reordered);
    expect(again.status).toBe(200);
    expect(again.body.orderId).toBe(first.body.orderId);
    expect(gateway.orders.starts).toHaveLength(1);
  });

  it('refuses the same key for a different order with 409, starting nothing more', async () => {
    await place('checkout-42');
    const other = await place('checkout-42', { ...order, items: ['iPhone15'] });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const moved = await place('checkout-42', { ...order, shippingAddress: { ...order.shippingAddress, city: 'Shelbyville' } });
    expect(moved.status).toBe(409);
    expect(gateway.orders.starts).toHaveLength(1);
  });

  it('keys orders per principal: the same key from a guest and from alice are two orders', async () => {
    const asGuest = await place('checkout-42');
    const asAlice = await place('checkout-42', order, ALICE);
    expect(asAlice.status).toBe(202);
    expect(asAlice.body.orderId).not.toBe(asGuest.body.orderId);
    expect(gateway.orders.starts.map((start) => start.input.customerId)).toEqual(['guest', 'alice']);
  });

  it('derives the order id from the key, and hashes the request into the start', async () => {
    const placed = await place('checkout-42', order, ALICE);
    expect(placed.body.orderId).toBe(orderIdForKey(SECRET, 'alice', 'checkout-42'));
    expect(gateway.orders.starts[0]?.requestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives random order ids without a key', async () => {
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push((await gateway.call('/api/v1/orders', { method: 'POST', body: order })).body.orderId);
    expect(new Set(ids).size).toBe(2);
    expect(gateway.orders.starts).toHaveLength(2);
  });

  it.each(['', 'x'.repeat(129), 'has space', 'slash/not/allowed', 'semi;colon'])('refuses the key %j with 400, starting nothing', async (key) => {
    const response = await place(key);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_idempotency_key');
    expect(gateway.orders.starts).toEqual([]);
  });
});

describe('orderIdForKey', () => {
  it('is a version 4, variant 10xx UUID that the order routes accept', () => {
    const id = orderIdForKey(SECRET, 'guest', 'k');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseOrderId(id)).toBe(id);
  });

  it('depends on the secret, the principal and the key', () => {
    const id = orderIdForKey(SECRET, 'alice', 'k');
    expect(orderIdForKey(SECRET, 'alice', 'k')).toBe(id);
    expect(orderIdForKey(`${SECRET}!`, 'alice', 'k')).not.toBe(id);
    expect(orderIdForKey(SECRET, 'bob', 'k')).not.toBe(id);
    expect(orderIdForKey(SECRET, 'alice', 'k2')).not.toBe(id);
  });
});
