import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import {
  crashAndAwaitRestart,
  crashAndRestartInfra,
  openDatabase,
  startOrder,
  stockOf,
  stockUp,
  temporalClient,
  testStack,
} from '@omniflow/devstack/testing';

/**
 * Durable timers: an order parked for review is timed out and compensated on schedule although, while its
 * timer runs, the worker is SIGKILLed and the Temporal server itself is SIGKILLed and restarted — with
 * TEMPORAL_PERSISTENCE=postgres, its PostgreSQL first, under the running server.
 * (Integration tests run in band, so no other test sees the server go away.)
 */
const crashedInfra = testStack().infra.TEMPORAL_PERSISTENCE === 'postgres' ? (['postgres', 'temporal'] as const) : (['temporal'] as const);

let inventory: Sequelize;
beforeAll(() => {
  inventory = openDatabase('inventory');
});
afterAll(() => inventory.close());

it(`times out an unaudited order across a worker crash and a restart of ${crashedInfra.join(', then ')}`, async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  let temporal = await temporalClient();
  const order = await startOrder(temporal.client, [{ sku, quantity: 2, unitPriceCents: 100_00 }], {
    policy: { reviewThresholdCents: 0, reviewTimeoutMs: 10_000 },
  });
  await waitForStatus(temporal.client, order.orderId, 'PENDING_REVIEW');
  const parkedAt = Date.now();
  await temporal.close();

  await crashAndAwaitRestart('orchestrator');
  for (const component of crashedInfra) await crashAndRestartInfra(component);
  await crashAndAwaitRestart('orchestrator'); // a fresh worker against the restarted server

  temporal = await temporalClient();
  try {
    const done = (await temporal.client.workflow.getHandle(workflowIdFor(order.orderId)).result()) as OrderView;
    expect(done.timeline.map((entry) => entry.status)).toEqual(['PENDING', 'RESERVED', 'PENDING_REVIEW', 'TIMED_OUT']);
    expect(Date.now() - parkedAt).toBeGreaterThanOrEqual(9_000); // the timer kept its deadline; it did not fire early
    expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
  } finally {
    await temporal.close();
  }
});

async function waitForStatus(client: Client, orderId: string, status: string): Promise<void> {
  const handle = client.workflow.getHandle(workflowIdFor(orderId));
  while ((await handle.query<OrderView>('getOrder')).status !== status) await new Promise((resolve) => setTimeout(resolve, 100));
}
