import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import {
  api,
  crashAndAwaitRestart,
  openStackClients,
  scrapeMetrics,
  sellableSku,
  stockOf,
  testStack,
  tokenFor,
  whileInfraDown,
  type StackClients,
} from '@omniflow/devstack/testing';
import { orderIdForKey } from './idempotency';

/**
 * Sold out at HTTP speed, on the real stack: inventory announces availability on the compacted topic, the gateway
 * refuses orders for a SKU it knows to be sold out without starting a workflow, and admits again when units
 * come back. The SKUs cost 20000, above the review threshold, so an order holds its unit in PENDING_REVIEW for as
 * long as the test wants, and an auditor's REJECT releases it (the saga's compensation).
 */
let stack: StackClients;
beforeAll(async () => (stack = await openStackClients()));
afterAll(() => stack.close());

const auditor = () => tokenFor('auditor-sol', 'auditor');
/** A SKU of the test's own with `units` in stock, priced above the review threshold. */
const newSku = (units: number) => sellableSku(stack, units, 20_000_00, 'SOLD');

/** Places an order for one unit with an Idempotency-Key of its own, so its order id is known either way. */
async function order(sku: string) {
  const key = randomUUID();
  const response = await api('POST', '/api/v1/orders', { body: { items: [sku] }, headers: { 'idempotency-key': key } });
  return { ...response, orderId: orderIdForKey(testStack().authSecret, 'guest', key) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const statusOf = async (orderId: string): Promise<string> => (await api('GET', `/api/v1/orders/${orderId}`)).body?.status;
const reachStatus = (orderId: string, status: string) =>
  waitFor(`order ${orderId} to be ${status}`, async () => ((await statusOf(orderId)) === status ? true : undefined));
const gatewayTrusts = (trusted: 0 | 1) =>
  waitFor(`the gateway's availability_trusted to be ${trusted}`, async () =>
    (await scrapeMetrics('gateway')).value('omniflow_gateway_availability_trusted') === trusted ? true : undefined, 60_000);

async function workflowExists(orderId: string): Promise<boolean> {
  try {
    await stack.temporal.workflow.getHandle(workflowIdFor(orderId)).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

it('refuses an order for a sold-out SKU with 409 sold_out and no workflow; a released unit sells again', async () => {
  const sku = await newSku(1);
  const holder = await order(sku);
  expect(holder.status).toBe(202);
  await reachStatus(holder.orderId, 'PENDING_REVIEW');
  // The availability was published before the reservation's reply: it reaches the gateway within milliseconds.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = (await scrapeMetrics('gateway')).value('omniflow_gateway_sold_out_refusals_total', { sku });

  const refused = await order(sku);
  expect(refused.status).toBe(409);
  expect(refused.body).toEqual({ error: { code: 'sold_out', message: `sold out: ${sku}` } });
  expect(await workflowExists(refused.orderId)).toBe(false);
  expect((await scrapeMetrics('gateway')).value('omniflow_gateway_sold_out_refusals_total', { sku })).toBe(before + 1);

  // The auditor rejects the holder: its compensation releases the unit, and the gateway admits again.
  const rejected = await api('POST', `/api/v1/orders/${holder.orderId}/audit`, { body: { action: 'REJECT' }, token: auditor() });
  expect(rejected.body.status).toBe('REJECTED');
  const buyer = await waitFor('the gateway to admit the SKU again', async () => {
    const answer = await order(sku);
    return answer.status === 202 ? answer : undefined;
  }, 10_000);
  await reachStatus(buyer.orderId, 'PENDING_REVIEW');
  const approved = await api('POST', `/api/v1/orders/${buyer.orderId}/audit`, { body: { action: 'APPROVE' }, token: auditor() });
  expect(approved.status).toBe(200);
  expect(((await stack.temporal.workflow.getHandle(workflowIdFor(buyer.orderId)).result()) as OrderView).status).toBe('COMPLETED');
  expect(await stockOf(stack.inventory, sku)).toEqual({ 'WH-EAST': { available: 0, reserved: 0, shipped: 1 } });
});

it("refuses from the topic's history after a restart, and admits while Kafka is down (the reservation then says OUT_OF_STOCK)", async () => {
  const sku = await newSku(1);
  const holder = await order(sku);
  await reachStatus(holder.orderId, 'PENDING_REVIEW');

  // A gateway started after the SKU sold out learns it from the topic before it refuses anything.
  await crashAndAwaitRestart('gateway');
  await gatewayTrusts(1);
  const refused = await order(sku);
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('sold_out');
  expect(await workflowExists(refused.orderId)).toBe(false);

  // With Kafka gone the gateway no longer knows what is current: it admits, and the workflow finds no stock.
  const admitted = await whileInfraDown('kafka', async () => {
    await gatewayTrusts(0);
    return order(sku);
  });
  expect(admitted.status).toBe(202);
  const result = (await stack.temporal.workflow.getHandle(workflowIdFor(admitted.orderId)).result()) as OrderView;
  expect(result.status).toBe('OUT_OF_STOCK');

  await api('POST', `/api/v1/orders/${holder.orderId}/audit`, { body: { action: 'REJECT' }, token: auditor() });
}, 300_000);
