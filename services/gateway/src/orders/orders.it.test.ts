import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Client } from '@temporalio/client';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { api, openDatabase, temporalClient, testStack } from '@omniflow/devstack/testing';

/** Drives the running stack over HTTP exactly as a customer would; every process is real. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let temporal: { client: Client; close: () => Promise<void> };
const databases: Record<string, Sequelize> = {};
beforeAll(async () => {
  temporal = await temporalClient();
  for (const owner of ['inventory', 'payment', 'shipping'] as const) databases[owner] = openDatabase(owner);
});
afterAll(async () => {
  await temporal.close();
  await Promise.all(Object.values(databases).map((db) => db.close()));
});

const placeOrder = (body: unknown) => api('POST', '/api/v1/orders', { body });

/** Waits for the saga to end (no polling: Temporal tells us), then reads the order back over HTTP. */
async function settledOrder(orderId: string): Promise<Json> {
  await temporal.client.workflow.getHandle(workflowIdFor(orderId)).result();
  const response = await api('GET', `/api/v1/orders/${orderId}`);
  expect(response.status).toBe(200);
  return response.body;
}

async function rows(owner: string, sql: string, orderId: string): Promise<Json[]> {
  return databases[owner]!.query(sql, { replacements: [orderId], type: QueryTypes.SELECT });
}

it("completes the README's first order: stock reserved, charged once, shipped", async () => {
  const placed = await placeOrder({ amount: 500, items: ['iPhone15'] });
  expect(placed.status).toBe(202);
  expect(placed.body).toMatchObject({ status: 'PENDING', amount: 500, currency: 'USD' });
  const { orderId } = placed.body;

  const order = await settledOrder(orderId);
  expect(order).toMatchObject({
    orderId,
    status: 'COMPLETED',
    reason: null,
    amount: 500,
    items: [{ sku: 'iPhone15', qty: 1, unitPrice: 500 }],
    allocations: [{ sku: 'iPhone15', warehouseId: 'WH-EAST', quantity: 1 }],
    paymentId: expect.any(String),
    shipments: [{ warehouseId: 'WH-EAST', shipmentId: expect.any(String), trackingNumber: expect.stringMatching(/^OMF/) }],
  });
  expect(order.timeline.map((step: Json) => step.status)).toEqual(['PENDING', 'RESERVED', 'PAID', 'SHIPPING', 'COMPLETED']);
  expect(order.timeline.every((step: Json) => !Number.isNaN(Date.parse(step.at)))).toBe(true);

  expect(await rows('inventory', 'SELECT sku, warehouse_id, quantity, status FROM reservations WHERE order_id = ?', orderId)).toEqual([
    { sku: 'iPhone15', warehouse_id: 'WH-EAST', quantity: 1, status: 'COMMITTED' },
  ]);
  const payments = await rows('payment', 'SELECT id, amount_cents, status FROM payments WHERE order_id = ?', orderId);
  expect(payments).toEqual([{ id: order.paymentId, amount_cents: 50000, status: 'CHARGED' }]);
  expect(await rows('shipping', 'SELECT id, warehouse_id FROM shipments WHERE order_id = ?', orderId)).toEqual([
    { id: order.shipments[0].shipmentId, warehouse_id: 'WH-EAST' },
  ]);
});

it('ships an order spread over two warehouses as two parcels', async () => {
  const placed = await placeOrder({ items: [{ sku: 'AirPods', qty: 2 }, 'iPad'] });
  expect(placed.status).toBe(202);
  expect(placed.body.amount).toBe(2 * 249 + 599);

  const order = await settledOrder(placed.body.orderId);
  expect(order.status).toBe('COMPLETED');
  expect(order.shipments.map((shipment: Json) => shipment.warehouseId)).toEqual(['WH-EAST', 'WH-WEST']);
  const shipments = await rows('shipping', 'SELECT warehouse_id FROM shipments WHERE order_id = ? ORDER BY warehouse_id', placed.body.orderId);
  expect(shipments).toEqual([{ warehouse_id: 'WH-EAST' }, { warehouse_id: 'WH-WEST' }]);
});

it('ends an order the warehouses cannot fill as OUT_OF_STOCK, charging nothing', async () => {
  const placed = await placeOrder({ items: [{ sku: 'AirPods', qty: 1000 }] });
  expect(placed.status).toBe(202);

  const order = await settledOrder(placed.body.orderId);
  expect(order).toMatchObject({ status: 'OUT_OF_STOCK', reason: expect.stringMatching(/insufficient stock for AirPods/), paymentId: null });
  expect(order.timeline.map((step: Json) => step.status)).toEqual(['PENDING', 'OUT_OF_STOCK']);
  expect(await rows('payment', 'SELECT id FROM payments WHERE order_id = ?', placed.body.orderId)).toEqual([]);
});

it('answers GET for an order that does not exist with 404', async () => {
  const response = await api('GET', '/api/v1/orders/0b7f3c1e-9a4d-4e2f-8c61-5d0a9e8b7f21');
  expect(response.status).toBe(404);
  expect(response.body).toEqual({ error: { code: 'order_not_found', message: expect.any(String) } });
});

it('answers a malformed percent-encoding in the path with 400 invalid_url, on every kind of route', async () => {
  for (const [method, path] of [
    ['GET', '/api/v1/orders/%ZZ'],
    ['POST', '/api/v1/orders/%ZZ/audit'],
    ['POST', '/api/v1/orders/%E0%A4%A/cancel'],
    ['GET', '/api/v1/admin/topics/%/messages'],
    ['GET', '/console/%ZZ'],
  ] as const) {
    const response = await fetch(`${testStack().gatewayUrl}${path}`, { method });
    expect({ method, path, status: response.status, body: await response.json() }).toEqual({
      method,
      path,
      status: 400,
      body: { error: { code: 'invalid_url', message: expect.any(String) } },
    });
  }
});

it('refuses a client-given amount that is not the catalog price, starting nothing', async () => {
  const before = await rows('inventory', "SELECT COUNT(*) AS n FROM reservations WHERE sku = ? ", 'iPhone15');
  const placed = await placeOrder({ amount: 1, items: ['iPhone15'] });
  expect(placed.status).toBe(422);
  expect(placed.body.error.code).toBe('amount_mismatch');
  const malformed = await fetch(`${testStack().gatewayUrl}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items": [' });
  expect(malformed.status).toBe(400);
  expect(await rows('inventory', "SELECT COUNT(*) AS n FROM reservations WHERE sku = ? ", 'iPhone15')).toEqual(before);
});

it('answers 503 with Retry-After, promptly, when no worker can answer for an order', async () => {
  const orderId = randomUUID();
  // An order workflow no worker polls for: its state cannot be queried, as when the orchestrator is down.
  const handle = await temporal.client.workflow.start('orderWorkflow', { taskQueue: `nobody-${orderId}`, workflowId: workflowIdFor(orderId), args: [{}] });
  try {
    const response = await api('GET', `/api/v1/orders/${orderId}`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body.error.code).toBe('unavailable');
  } finally {
    await handle.terminate();
  }
});
