import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { QueryTypes, type Sequelize } from 'sequelize';
import { AUDIT_UPDATE, CANCEL_UPDATE, UpdateRejection, shipmentWorkflowIdFor, workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import {
  TEST_UNSERVICEABLE_WAREHOUSE,
  openDatabase,
  readProcessLog,
  startOrder,
  stockOf,
  stockUp,
  temporalClient,
} from '@omniflow/devstack/testing';

/**
 * Every path an order can take, on the real stack: workflows are started straight through Temporal (each test
 * with its own SKU and a policy with short clocks) and every participant's database is checked afterwards.
 */
let temporal: { client: Client; close: () => Promise<void> };
let inventory: Sequelize;
let payment: Sequelize;
beforeAll(async () => {
  temporal = await temporalClient();
  inventory = openDatabase('inventory');
  payment = openDatabase('payment');
});
afterAll(async () => {
  await temporal.close();
  await inventory.close();
  await payment.close();
});

const line = (sku: string, quantity = 1, unitPriceCents = 100_00) => ({ sku, quantity, unitPriceCents });
const statuses = (order: OrderView) => order.timeline.map((entry) => entry.status);

async function moneyOf(orderId: string): Promise<{ charged: number; refunded: number; payments: number }> {
  const [row] = await payment.query<{ charged: string | null; payments: number }>(
    "SELECT SUM(IF(status = 'CHARGED', amount_cents, 0)) AS charged, COUNT(*) AS payments FROM payments WHERE order_id = ?",
    { replacements: [orderId], type: QueryTypes.SELECT },
  );
  const [refunds] = await payment.query<{ refunded: string | null }>('SELECT SUM(amount_cents) AS refunded FROM refunds WHERE order_id = ?', {
    replacements: [orderId],
    type: QueryTypes.SELECT,
  });
  return { charged: Number(row?.charged ?? 0), refunded: Number(refunds?.refunded ?? 0), payments: Number(row?.payments) };
}

it('completes an order: stock reserved then shipped, charged once', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  const order = await startOrder(temporal.client, [line(sku, 2)]);
  const done = await order.result();

  expect(statuses(done)).toEqual(['PENDING', 'RESERVED', 'PAID', 'SHIPPING', 'COMPLETED']);
  expect(done).toMatchObject({ chargedCents: 200_00, refundedCents: 0 });
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 3, reserved: 0, shipped: 2 } });
  expect(await moneyOf(order.orderId)).toEqual({ charged: 200_00, refunded: 0, payments: 1 });
});

it('compensates a declined payment: the stock comes back, nothing is charged', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  const order = await startOrder(temporal.client, [line(sku, 2)], { customerId: 'sim-decline-1' });
  const done = await order.result();

  expect(statuses(done)).toEqual(['PENDING', 'RESERVED', 'PAYMENT_FAILED']);
  expect(done.reason).toMatch(/declined/);
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
  expect(await moneyOf(order.orderId)).toEqual({ charged: 0, refunded: 0, payments: 1 });
});

it('survives a lost payment reply: the retried command is answered from the dedup table, one charge', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  const order = await startOrder(temporal.client, [line(sku)], { customerId: 'sim-lost-reply-1' });
  const done = await order.result();

  expect(done.status).toBe('COMPLETED');
  expect(await moneyOf(order.orderId)).toEqual({ charged: 100_00, refunded: 0, payments: 1 });
  const workflowId = workflowIdFor(order.orderId);
  const logOf = (service: 'payment' | 'orchestrator') => readProcessLog(service).split('\n').filter((entry) => entry.includes(workflowId));
  expect(logOf('payment').some((entry) => entry.includes('reply deliberately not sent'))).toBe(true);
  expect(logOf('payment').some((entry) => entry.includes('answered duplicate with stored reply'))).toBe(true);
  expect(logOf('orchestrator').some((entry) => /"messageType":"payment.ChargePayment".*"attempt":2/.test(entry))).toBe(true);
});

it('cancels an order nobody audits in time, releasing its stock', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  const order = await startOrder(temporal.client, [line(sku, 3)], { policy: { reviewThresholdCents: 0, reviewTimeoutMs: 1_500 } });
  const done = await order.result();

  expect(statuses(done)).toEqual(['PENDING', 'RESERVED', 'PENDING_REVIEW', 'TIMED_OUT']);
  expect(done.reason).toMatch(/no audit decision within 1.5s/);
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
});

it('times out a payment that takes too long, and refunds the charge when it lands late', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  // The simulated processor answers `sim-slow-` customers after 12 s; the order gives up after 2 s.
  const order = await startOrder(temporal.client, [line(sku)], { customerId: 'sim-slow-1', policy: { paymentTimeoutMs: 2_000 } });
  const done = await order.result();

  expect(statuses(done)).toEqual(['PENDING', 'RESERVED', 'TIMED_OUT']);
  expect(done.reason).toMatch(/payment not confirmed within 2s/);
  expect(await moneyOf(order.orderId)).toEqual({ charged: 100_00, refunded: 100_00, payments: 1 });
  // The order's own account agrees with the payment service's: the late charge is recorded beside its refund.
  expect(done).toMatchObject({ chargedCents: 100_00, refundedCents: 100_00 });
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
});

describe('risk review', () => {
  const review = { reviewThresholdCents: 0, reviewTimeoutMs: 60_000 };

  async function awaitingReview(sku: string) {
    const order = await startOrder(temporal.client, [line(sku, 2)], { policy: review });
    const handle = temporal.client.workflow.getHandle(workflowIdFor(order.orderId));
    // Wait (on Temporal's own clock, no polling loop in the test) until the order is parked for review.
    for (;;) {
      const view = await handle.query<OrderView>('getOrder');
      if (view.status === 'PENDING_REVIEW') return { ...order, handle };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('ships an approved order', async () => {
    const sku = await stockUp(inventory, { 'WH-EAST': 5 });
    const order = await awaitingReview(sku);
    expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 3, reserved: 2, shipped: 0 } });

    const answer = await order.handle.executeUpdate<OrderView, [unknown]>(AUDIT_UPDATE, { args: [{ action: 'APPROVE', reason: null, auditor: 'alice' }] });
    // The answer is the order once the decision took effect: charged, and possibly already shipping.
    expect(statuses(answer)).toContain('PAID');
    expect(answer.review).toMatchObject({ auditor: 'alice', action: 'APPROVE' });
    const done = await order.result();
    expect(statuses(done)).toEqual(['PENDING', 'RESERVED', 'PENDING_REVIEW', 'PAID', 'SHIPPING', 'COMPLETED']);
    expect(done.review).toMatchObject({ auditor: 'alice', action: 'APPROVE' });
  });

  it('releases the stock of a rejected order, and refuses a second decision', async () => {
    const sku = await stockUp(inventory, { 'WH-EAST': 5 });
    const order = await awaitingReview(sku);

    const answer = await order.handle.executeUpdate<OrderView, [unknown]>(AUDIT_UPDATE, { args: [{ action: 'REJECT', reason: 'stolen card', auditor: 'alice' }] });
    expect(answer).toMatchObject({ status: 'REJECTED', reason: 'stolen card' });
    expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
    await expect(
      order.handle.executeUpdate(AUDIT_UPDATE, { args: [{ action: 'APPROVE', reason: null, auditor: 'bob' }] }),
    ).rejects.toThrow();
    expect(await moneyOf(order.orderId)).toEqual({ charged: 0, refunded: 0, payments: 0 });
  });

  it('lets the customer cancel while the order waits for review', async () => {
    const sku = await stockUp(inventory, { 'WH-EAST': 5 });
    const order = await awaitingReview(sku);

    const answer = await order.handle.executeUpdate<OrderView, [unknown]>(CANCEL_UPDATE, { args: [{ reason: 'changed my mind', requestedBy: 'guest' }] });
    expect(answer).toMatchObject({ status: 'CANCELLED', reason: 'changed my mind' });
    expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 5, reserved: 0, shipped: 0 } });
  });
});

it('refuses to cancel once shipping has started', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  const order = await startOrder(temporal.client, [line(sku)]);
  await order.result();
  const handle = temporal.client.workflow.getHandle(workflowIdFor(order.orderId));
  await expect(handle.executeUpdate(CANCEL_UPDATE, { args: [{ reason: null, requestedBy: 'guest' }] })).rejects.toThrow();
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 4, reserved: 0, shipped: 1 } });
});

it('ships an order spread over two warehouses as two child workflows', async () => {
  const a = await stockUp(inventory, { 'WH-EAST': 3 });
  const b = await stockUp(inventory, { 'WH-WEST': 3 });
  const order = await startOrder(temporal.client, [line(a, 1), line(b, 2)]);
  const done = await order.result();

  expect(done.status).toBe('COMPLETED');
  expect(done.shipments.map((shipment) => [shipment.warehouseId, shipment.status])).toEqual([
    ['WH-EAST', 'SCHEDULED'],
    ['WH-WEST', 'SCHEDULED'],
  ]);
  for (const warehouseId of ['WH-EAST', 'WH-WEST']) {
    const child = await temporal.client.workflow.getHandle(shipmentWorkflowIdFor(order.orderId, warehouseId)).describe();
    expect(child).toMatchObject({ type: 'shipmentWorkflow', status: { name: 'COMPLETED' }, parentExecution: { workflowId: workflowIdFor(order.orderId) } });
  }
  expect(await stockOf(inventory, a)).toEqual({ 'WH-EAST': { available: 2, reserved: 0, shipped: 1 } });
  expect(await stockOf(inventory, b)).toEqual({ 'WH-WEST': { available: 1, reserved: 0, shipped: 2 } });
});

it('refunds and releases the parcel a carrier refuses, and ships the rest', async () => {
  const shipped = await stockUp(inventory, { 'WH-EAST': 3 });
  const stranded = await stockUp(inventory, { [TEST_UNSERVICEABLE_WAREHOUSE]: 3 });
  const order = await startOrder(temporal.client, [line(shipped, 1, 10_00), line(stranded, 2, 25_00)]);
  const done = await order.result();

  expect(done.status).toBe('PARTIALLY_SHIPPED');
  expect(done.reason).toMatch(/WH-NOCARRIER: no carrier serves WH-NOCARRIER/);
  expect(done).toMatchObject({ chargedCents: 60_00, refundedCents: 50_00 });
  expect(await moneyOf(order.orderId)).toEqual({ charged: 60_00, refunded: 50_00, payments: 1 });
  expect(await stockOf(inventory, shipped)).toEqual({ 'WH-EAST': { available: 2, reserved: 0, shipped: 1 } });
  expect(await stockOf(inventory, stranded)).toEqual({ [TEST_UNSERVICEABLE_WAREHOUSE]: { available: 3, reserved: 0, shipped: 0 } });
});

it('rejects an audit of an order that is not awaiting review, with a typed reason, changing nothing', async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 5 });
  // Parked on a slow payment (12 s): running, but past review.
  const order = await startOrder(temporal.client, [line(sku)], { customerId: 'sim-slow-2', policy: { paymentTimeoutMs: 60_000 } });
  const handle = temporal.client.workflow.getHandle(workflowIdFor(order.orderId));
  while ((await handle.query<OrderView>('getOrder')).status !== 'RESERVED') await new Promise((resolve) => setTimeout(resolve, 100));

  const failure = await handle.executeUpdate(AUDIT_UPDATE, { args: [{ action: 'REJECT', reason: null, auditor: 'alice' }] }).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
  expect((failure as WorkflowUpdateFailedError).cause).toMatchObject({ type: UpdateRejection.notAwaitingReview });
  expect((await handle.query<OrderView>('getOrder')).status).toBe('RESERVED');
  expect((await order.result()).status).toBe('COMPLETED');
});
