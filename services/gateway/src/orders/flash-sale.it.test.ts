import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { api, openDatabase, stockOf, temporalClient } from '@omniflow/devstack/testing';

/**
 * A flash sale on the real stack: 200 customers order one unit of a SKU with 50 in stock, all at once, over
 * HTTP. Exactly 50 orders may complete; stock must end at 0 and never go below it (a CHECK enforces that).
 */
const ORDERS = 200;
const STOCK = 50;

let temporal: { client: Client; close: () => Promise<void> };
let catalog: Sequelize;
let inventory: Sequelize;
beforeAll(async () => {
  temporal = await temporalClient();
  catalog = openDatabase('orders');
  inventory = openDatabase('inventory');
});
afterAll(async () => {
  await temporal.close();
  await catalog.close();
  await inventory.close();
});

it(`sells exactly ${STOCK} of ${STOCK} to ${ORDERS} concurrent buyers`, async () => {
  const sku = `HOT-${randomUUID().slice(0, 8)}`;
  await catalog.query('INSERT INTO products (sku, name, price_cents) VALUES (?, ?, 100)', { replacements: [sku, 'Hot item'] });
  await inventory.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", { replacements: [sku, STOCK] });

  const placed = await Promise.all(Array.from({ length: ORDERS }, () => api('POST', '/api/v1/orders', { body: { amount: 1, items: [sku] } })));
  expect(placed.map((response) => response.status)).toEqual(Array(ORDERS).fill(202));
  const outcomes = await Promise.all(
    placed.map(async ({ body }) => ((await temporal.client.workflow.getHandle(workflowIdFor(body.orderId)).result()) as OrderView).status),
  );

  const count = (status: string) => outcomes.filter((outcome) => outcome === status).length;
  expect({ completed: count('COMPLETED'), outOfStock: count('OUT_OF_STOCK') }).toEqual({ completed: STOCK, outOfStock: ORDERS - STOCK });
  expect(await stockOf(inventory, sku)).toEqual({ 'WH-EAST': { available: 0, reserved: 0, shipped: STOCK } });
}, 300_000);
