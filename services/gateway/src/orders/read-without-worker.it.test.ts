import type { Sequelize } from 'sequelize';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { api, openDatabase, startOrder, stockUp, temporalClient, whileFrozen } from '@omniflow/devstack/testing';

/**
 * GET /api/v1/orders/{id} needs a worker only for an order still in progress: a completed order is read from
 * its workflow's result, so it stays readable while the orchestrator is frozen. (Tests run in band: no other
 * test's workflow is waiting on the frozen worker.)
 */
let inventory: Sequelize;
beforeAll(() => {
  inventory = openDatabase('inventory');
});
afterAll(() => inventory.close());

it('reads a completed order with no worker answering, and answers 503 for one in progress', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 2 });
  const temporal = await temporalClient();
  const completed = await startOrder(temporal.client, [{ sku, quantity: 1, unitPriceCents: 10_00 }]);
  const parked = await startOrder(temporal.client, [{ sku, quantity: 1, unitPriceCents: 10_00 }], {
    policy: { reviewThresholdCents: 0, reviewTimeoutMs: 120_000 },
  });
  const parkedHandle = temporal.client.workflow.getHandle(workflowIdFor(parked.orderId));
  try {
    expect((await completed.result()).status).toBe('COMPLETED');
    while ((await parkedHandle.query<OrderView>('getOrder')).status !== 'PENDING_REVIEW') await new Promise((resolve) => setTimeout(resolve, 100));

    const [done, inProgress] = await whileFrozen('orchestrator', async () => [
      await api('GET', `/api/v1/orders/${completed.orderId}`),
      await api('GET', `/api/v1/orders/${parked.orderId}`),
    ]);

    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ orderId: completed.orderId, status: 'COMPLETED', chargedAmount: 10 });
    expect(inProgress.status).toBe(503);
    expect(inProgress.headers.get('retry-after')).toBe('5');
    expect(inProgress.body.error.code).toBe('unavailable');
  } finally {
    await parkedHandle.terminate('test over');
    await temporal.close();
  }
});
