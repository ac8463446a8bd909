import { describe, expect, it } from 'vitest';
import { applyChange, formatAge, formatAmount, rowOf, workflowUrl, type OrderChange, type OrderRow } from './orders';

const row = (orderId: string, createdAt: string, status = 'PENDING', version = 1): OrderRow => ({
  orderId,
  customerId: 'alice',
  status,
  reason: null,
  amount: 500,
  currency: 'USD',
  createdAt,
  version,
});
const change = (orderId: string, status: string, version: number, createdAt = '2025-01-01T00:00:00.000Z'): OrderChange => ({
  orderId,
  customerId: 'bob',
  status,
  reason: status === 'REJECTED' ? 'fraud' : null,
  amount: 20000,
  currency: 'USD',
  version,
  createdAt,
  at: '2025-01-01T00:01:00.000Z',
});
const any = () => true;

describe('applyChange', () => {
  const rows = [row('b', '2025-01-02T00:00:00.000Z'), row('a', '2025-01-01T00:00:00.000Z', 'PENDING_REVIEW', 3)];

  it('moves a known order to a newer state, leaving the others alone', () => {
    const next = applyChange(rows, change('a', 'REJECTED', 5), any);
    expect(next.map((r) => [r.orderId, r.status, r.version])).toEqual([
      ['b', 'PENDING', 1],
      ['a', 'REJECTED', 5],
    ]);
    expect(next[1]!.reason).toBe('fraud');
    expect(rows[1]!.status).toBe('PENDING_REVIEW'); // the old list is not changed
  });

  it('ignores a change that is not newer (a duplicate or a late one)', () => {
    expect(applyChange(rows, change('a', 'RESERVED', 2), any)).toEqual(rows);
    expect(applyChange(rows, change('a', 'PENDING_REVIEW', 3), any)).toEqual(rows);
  });

  it('adds an unknown order in its place, newest first, when it fits the filter', () => {
    const next = applyChange(rows, change('c', 'PENDING_REVIEW', 3, '2025-01-01T12:00:00.000Z'), (s) => s === 'PENDING_REVIEW');
    expect(next.map((r) => r.orderId)).toEqual(['b', 'c', 'a']);
    expect(applyChange(rows, change('c', 'RESERVED', 2), (s) => s === 'PENDING_REVIEW')).toEqual(rows);
  });
});

describe('formatting', () => {
  const placed = '2025-01-01T00:00:00.000Z';
  const after = (seconds: number) => Date.parse(placed) + seconds * 1000;
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [3599, '59m'],
    [3600, '1h'],
    [86_399, '23h'],
    [86_400 * 3, '3d'],
    [-5, '0s'], // a clock slightly behind the server's
  ])('an order %is old is %s', (seconds, text) => expect(formatAge(placed, after(seconds))).toBe(text));

  it('shows an unreadable time as ?', () => expect(formatAge('yesterday', Date.now())).toBe('?'));

  it('formats money in its currency, and copes with an unknown one', () => {
    expect(formatAmount(20000, 'USD')).toBe('$20,000.00');
    expect(formatAmount(5, 'XXXX')).toBe('5.00 XXXX');
  });
});

it('links an order to its workflow in the Temporal UI, or to nothing without one', () => {
  expect(workflowUrl('http://127.0.0.1:8233', 'default', '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed')).toBe(
    'http://127.0.0.1:8233/namespaces/default/workflows/order-1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  );
  expect(workflowUrl(null, 'default', 'x')).toBeNull();
});

it("takes an API order's placing time and version from its timeline", () => {
  const timeline = [
    { status: 'PENDING', at: '2025-01-01T00:00:00.000Z', reason: null },
    { status: 'RESERVED', at: '2025-01-01T00:00:01.000Z', reason: null },
  ];
  const order = { orderId: 'a', customerId: 'c', status: 'RESERVED', reason: null, amount: 1, currency: 'USD', items: [], allocations: [], chargedAmount: 0, refundedAmount: 0, shipments: [], review: null, timeline };
  expect(rowOf(order)).toMatchObject({ createdAt: '2025-01-01T00:00:00.000Z', version: 2 });
});
