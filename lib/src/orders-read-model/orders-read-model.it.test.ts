import pino from 'pino';
import type { Sequelize } from 'sequelize';
import type { OrderStatus, OrderView } from '@omniflow/contracts/orders';
import { freshTestDatabase } from '@omniflow/devstack/testing';
import { connectDatabase, migrate } from '../database';
import { ordersReadModel, ordersReadModelMigrations, writeOrderView } from '.';

/** The read model on the real MariaDB, as the gateway and the orchestrator share it. */
const logger = pino({ level: 'silent' });
let gatewaySide: Sequelize;
let orchestratorSide: Sequelize;
beforeAll(async () => {
  const url = await freshTestDatabase('omniflow_test_orders_read_model');
  [gatewaySide, orchestratorSide] = await Promise.all([connectDatabase(url, logger), connectDatabase(url, logger)]);
});
afterAll(async () => {
  await gatewaySide.close();
  await orchestratorSide.close();
});

const orderId = 'b0000000-0000-4000-8000-000000000001';
function viewAt(statuses: OrderStatus[]): OrderView {
  const timeline = statuses.map((status, i) => ({ status, reason: null, at: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString() }));
  return { orderId, customerId: 'alice', status: statuses.at(-1)!, totalCents: 500_00, currency: 'USD', lines: [], timeline } as unknown as OrderView;
}

it('is created by whichever side starts first, both at once included, and read before anything is written', async () => {
  await Promise.all([migrate(gatewaySide, ordersReadModelMigrations, logger), migrate(orchestratorSide, ordersReadModelMigrations, logger)]);
  expect(await ordersReadModel(gatewaySide).list({ status: null, customerId: null, limit: 10 })).toEqual([]);
  expect(await ordersReadModel(gatewaySide).get(orderId)).toBeUndefined();
});

it('keeps the newest state: a late write of an older one changes nothing, and a retry is not a first write', async () => {
  const reserved = viewAt(['PENDING', 'RESERVED']);
  const paid = viewAt(['PENDING', 'RESERVED', 'PAID']);
  expect(await writeOrderView(orchestratorSide, paid)).toBe(true);
  // Written concurrently, the older state landed second: still its first write, but it must not win.
  expect(await writeOrderView(orchestratorSide, reserved)).toBe(true);
  expect(await writeOrderView(orchestratorSide, paid)).toBe(false);
  const readModel = ordersReadModel(gatewaySide);
  expect(await readModel.get(orderId)).toEqual(paid);
  expect(await readModel.list({ status: 'PAID', customerId: 'alice', limit: 10 })).toEqual([paid]);
  expect(await readModel.list({ status: 'RESERVED', customerId: null, limit: 10 })).toEqual([]);
  expect(await readModel.countByStatus()).toEqual([{ status: 'PAID', orders: 1 }]);
});
