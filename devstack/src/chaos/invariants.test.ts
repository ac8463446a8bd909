import { checkMoney, checkOutcomes, checkStock, type StockRow } from './invariants';
import type { PlacedOrder } from './workload';

/** The chaos checks must be able to fail: fabricated end states, one invariant broken at a time. */
const order = (kind: PlacedOrder['kind'], view: Partial<NonNullable<PlacedOrder['view']>>): PlacedOrder => ({
  orderId: `order-${kind}`,
  kind,
  customerId: 'c',
  view: { status: 'COMPLETED', amount: 500, chargedAmount: 500, refundedAmount: 0, items: [{ sku: 'iPhone15', qty: 1, unitPrice: 500 }], timeline: [], ...view },
});
const reservation = (orderId: string, status: 'HELD' | 'RELEASED' | 'COMMITTED') => ({
  order_id: orderId,
  idempotency_key: `${orderId}/stock`,
  sku: 'iPhone15',
  warehouse_id: 'WH-EAST',
  quantity: 1,
  status,
});
const stock = (available: number, reserved: number, shipped: number): Map<string, StockRow> =>
  new Map([['iPhone15@WH-EAST', { sku: 'iPhone15', warehouse_id: 'WH-EAST', available, reserved, shipped }]]);

describe('money', () => {
  const happy = order('happy', {});
  const cancelled = order('cancel', { status: 'CANCELLED', chargedAmount: 500, refundedAmount: 500 });
  const payments = [
    { order_id: happy.orderId, status: 'CHARGED', amount_cents: 500_00 },
    { order_id: cancelled.orderId, status: 'CHARGED', amount_cents: 500_00 },
  ];
  const refunds = [{ order_id: cancelled.orderId, amount_cents: 500_00 }];
  const reservations = [reservation(happy.orderId, 'COMMITTED'), reservation(cancelled.orderId, 'RELEASED')];

  it('passes when charged − refunded is the shipped value for every order', () => {
    expect(checkMoney([happy, cancelled], reservations, payments, refunds).violations).toEqual([]);
  });

  it('names a cancelled order that kept its money', () => {
    expect(checkMoney([happy, cancelled], reservations, payments, []).violations).toEqual([
      expect.stringMatching(/order order-cancel .*charged 50000 − refunded 0 ≠ shipped 0/),
      expect.stringMatching(/order order-cancel .*payment service nets 50000, the order 0/),
    ]);
  });

  it('names an order charged twice, and one still holding stock', () => {
    const twice = [...payments, { order_id: happy.orderId, status: 'CHARGED', amount_cents: 500_00 }];
    const held = [reservation(happy.orderId, 'COMMITTED'), reservation(cancelled.orderId, 'HELD')];
    const violations = checkMoney([happy, cancelled], held, twice, refunds).violations;
    expect(violations).toContainEqual(expect.stringMatching(/order order-happy .*charged 2 times/));
    expect(violations).toContainEqual(expect.stringMatching(/order order-cancel .*still holds 1 iPhone15@WH-EAST/));
  });
});

describe('stock', () => {
  it('passes when units only moved between available, reserved and shipped', () => {
    expect(checkStock(stock(10, 0, 0), stock(9, 0, 1), [reservation('a', 'COMMITTED')]).violations).toEqual([]);
  });

  it('names the SKU whose units appeared or vanished, or whose shipments do not match the reservations', () => {
    expect(checkStock(stock(10, 0, 0), stock(9, 0, 2), [reservation('a', 'COMMITTED')]).violations).toEqual([
      'SKU iPhone15@WH-EAST: 10 units at start, 11 now',
      'SKU iPhone15@WH-EAST: 2 shipped but 1 committed',
    ]);
  });
});

describe('outcomes', () => {
  const timedOut = (waitedSeconds: number) => [
    { status: 'RESERVED' as const, at: '2026-01-01T00:00:00.000Z', reason: null },
    { status: 'TIMED_OUT' as const, at: new Date(Date.parse('2026-01-01T00:00:00.000Z') + waitedSeconds * 1000).toISOString(), reason: 'payment not confirmed within 600s' },
  ];

  it("passes each kind's own ends, and a time-out whose timer ran its full length", () => {
    const orders = [order('happy', {}), order('decline', { status: 'PAYMENT_FAILED' }), order('decline', { status: 'TIMED_OUT', timeline: timedOut(601) })];
    expect(checkOutcomes(orders).violations).toEqual([]);
  });

  it('names an order that ended otherwise, or timed out before its time-out', () => {
    const orders = [order('approve', { status: 'REJECTED' }), order('decline', { status: 'TIMED_OUT', timeline: timedOut(300) })];
    expect(checkOutcomes(orders).violations).toEqual([
      'order order-approve (approve) ended REJECTED, expected COMPLETED (not a time-out)',
      'order order-decline (decline) ended TIMED_OUT, expected PAYMENT_FAILED (timed out after 300s, before its 600s)',
    ]);
  });
});
