import { QueryTypes, type Sequelize } from 'sequelize';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { api, openDatabase, openStackClients, sellableSku, startOrder, stockUp, temporalClient, whileFrozen } from '@omniflow/devstack/testing';

/**
 * GET /api/v1/orders/{id} needs no worker: an order is read from the read model the orchestrator writes at every
 * status change, so completed orders and orders in progress stay readable while the orchestrator is frozen, and
 * answer what the workflow's query answers. (Tests run in band: no other test's workflow is waiting on the
 * frozen worker.)
 */
let inventory: Sequelize;
let orders: Sequelize;
beforeAll(() => {
  inventory = openDatabase('inventory');
  orders = openDatabase('orders');
});
afterAll(() => Promise.all([inventory.close(), orders.close()]));

async function rowStatus(orderId: string): Promise<string | undefined> {
  const [row] = await orders.query<{ status: string }>('SELECT status FROM orders WHERE order_id = ?', { replacements: [orderId], type: QueryTypes.SELECT });
  return row?.status;
}

it('reads a completed order and one in progress with no worker answering, as the workflow has them', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 2 });
  const temporal = await temporalClient();
  const completed = await startOrder(temporal.client, [{ sku, quantity: 1, unitPriceCents: 10_00 }]);
  const parked = await startOrder(temporal.client, [{ sku, quantity: 1, unitPriceCents: 10_00 }], {
    policy: { reviewThresholdCents: 0, reviewTimeoutMs: 120_000 },
  });
  const parkedHandle = temporal.client.workflow.getHandle(workflowIdFor(parked.orderId));
  try {
    expect((await completed.result()).status).toBe('COMPLETED');
    let queried: OrderView;
    while ((queried = await parkedHandle.query<OrderView>('getOrder')).status !== 'PENDING_REVIEW') await new Promise((resolve) => setTimeout(resolve, 100));
    // The PENDING_REVIEW row is written by an activity scheduled in the workflow task that made the state: wait
    // for it while the orchestrator still runs.
    while ((await rowStatus(parked.orderId)) !== 'PENDING_REVIEW') await new Promise((resolve) => setTimeout(resolve, 50));

    const [done, inProgress] = await whileFrozen('orchestrator', async () => [
      await api('GET', `/api/v1/orders/${completed.orderId}`),
      await api('GET', `/api/v1/orders/${parked.orderId}`),
    ]);

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ orderId: completed.orderId, status: 'COMPLETED', chargedAmount: 10 });
    expect(inProgress.status).toBe(200);
    expect(inProgress.body).toMatchObject({
      orderId: parked.orderId,
      status: 'PENDING_REVIEW',
      reason: queried.reason,
      customerId: queried.customerId,
      items: [{ sku, qty: 1, unitPrice: 10 }],
      allocations: queried.allocations,
      paymentId: null,
      chargedAmount: 0,
      shipments: [],
      review: null,
      timeline: queried.timeline,
    });
  } finally {
    await parkedHandle.terminate('test over');
    await temporal.close();
  }
});

it('reads an order placed while the orchestrator is frozen (no row yet) as placed, the PENDING its first row then holds', async () => {
  const stack = await openStackClients();
  try {
    const sku = await sellableSku(stack, 1, 10_00, 'FROZEN');
    const [placed, read] = await whileFrozen('orchestrator', async () => {
      const post = await api('POST', '/api/v1/orders', { body: { items: [sku] } });
      return [post, await api('GET', `/api/v1/orders/${post.body.orderId}`)];
    });
    expect(placed.status).toBe(202);
    const orderId: string = placed.body.orderId;
    expect(await rowStatus(orderId)).toBeUndefined(); // nothing answered from the read model: the memo did
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ orderId, status: 'PENDING', items: [{ sku, qty: 1, unitPrice: 10 }], allocations: [], chargedAmount: 0 });
    expect(read.body.timeline).toEqual([{ status: 'PENDING', at: expect.any(String), reason: null }]);

    // Thawed, the order runs to the end; its timeline starts with the very entry read while it had no row.
    const done: OrderView = await stack.temporal.workflow.getHandle(workflowIdFor(orderId)).result();
    expect(done.status).toBe('COMPLETED');
    expect(done.timeline[0]).toEqual(read.body.timeline[0]);
    expect((await api('GET', `/api/v1/orders/${orderId}`)).body).toMatchObject({ status: 'COMPLETED', timeline: done.timeline });
  } finally {
    await stack.close();
  }
});
