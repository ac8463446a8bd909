import type { OrderView } from '@omniflow/contracts/orders';
import { viewOf } from '../testing/gateway';
import { currentOrders, untilProjected } from './current-order';
import type { OrderDirectory } from './directory';
import type { OrderWorkflows } from './workflow-client';

const ORDER_ID = 'a0000000-0000-4000-8000-000000000000';
const lines = [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }];
const pending = viewOf({ orderId: ORDER_ID, customerId: 'alice', currency: 'USD', lines, totalCents: 500_00, shippingAddress: null });
/** The same order one status later: its timeline (the read model's version) one longer. */
const reserved: OrderView = { ...pending, status: 'RESERVED', timeline: [...pending.timeline, { status: 'RESERVED', at: '2025-01-01T00:00:01.000Z', reason: null }] };

/** A read model whose row for the order is each of `rows` in turn (the last one from then on); counts its reads. */
function readModel(...rows: (OrderView | undefined)[]) {
  const reads = { count: 0 };
  const directory: OrderDirectory = {
    list: async () => [],
    get: async () => rows[Math.min(reads.count++, rows.length - 1)],
  };
  return { directory, reads };
}

/** Temporal that knows `order` (running or closed) and records every read it is asked for. */
function temporal(order: OrderView | undefined, running = false) {
  const asked: string[] = [];
  const workflows = {
    get: async (orderId: string) => {
      asked.push(orderId);
      return order;
    },
    isRunning: async () => running,
  } as unknown as OrderWorkflows;
  return { workflows, asked };
}

describe('currentOrders', () => {
  it('answers an order that has a row from the read model, and never asks Temporal (so no worker replays it)', async () => {
    const { directory } = readModel(reserved);
    const { workflows, asked } = temporal(pending, true);
    expect(await currentOrders(directory, workflows).get(ORDER_ID)).toEqual(reserved);
    expect(asked).toEqual([]);
  });

  it('reads an order without a row from Temporal, which needs no worker for it (workflow-client.test.ts)', async () => {
    const { directory } = readModel(undefined);
    const { workflows, asked } = temporal(pending, true);
    expect(await currentOrders(directory, workflows).get(ORDER_ID)).toEqual(pending);
    expect(asked).toEqual([ORDER_ID]);
    expect(await currentOrders(directory, temporal(undefined).workflows).get(ORDER_ID)).toBeUndefined();
  });
});

describe('untilProjected', () => {
  it('returns once the row holds the changed state, so a read right after the change sees it', async () => {
    const { directory, reads } = readModel(undefined, pending, pending, reserved);
    await untilProjected(directory, reserved);
    expect(reads.count).toBe(4);
  });

  it('re-reads with doubling pauses, and gives up after two seconds with the row still behind', async () => {
    jest.useFakeTimers();
    try {
      const { directory, reads } = readModel(pending);
      let done = false;
      const waiting = untilProjected(directory, reserved).then(() => (done = true));
      await jest.advanceTimersByTimeAsync(1_999);
      expect(done).toBe(false);
      // Pauses of 5, 10, 20, …, 640 ms (1,275 in all), then the rest of the two seconds: ten reads, not two hundred.
      expect(reads.count).toBe(9);
      await jest.advanceTimersByTimeAsync(1);
      await waiting;
      expect(reads.count).toBe(10);
    } finally {
      jest.useRealTimers();
    }
  });

  it('is satisfied by a later state than the one answered', async () => {
    const { directory, reads } = readModel(reserved);
    await untilProjected(directory, pending);
    expect(reads.count).toBe(1);
  });
});
