import type { Client } from '@temporalio/client';
import { commandTopic, orderEventsTopic } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { api, temporalClient, testStack, tokenFor } from '@omniflow/devstack/testing';

/**
 * The console's API on the real stack: log in with the stack's console account, then read Kafka (decoded
 * commands and order events of a live order) and the inventory service's stock through the gateway.
 */
let temporal: { client: Client; close: () => Promise<void> };
let token: string;
let orderId: string;
beforeAll(async () => {
  temporal = await temporalClient();
  const login = await api('POST', '/api/v1/auth/login', { body: testStack().consoleLogin });
  expect(login.status).toBe(200);
  token = login.body.token;
  const placed = await api('POST', '/api/v1/orders', { body: { amount: 500, items: ['iPhone15'] } });
  orderId = placed.body.orderId;
  await temporal.client.workflow.getHandle(workflowIdFor(orderId)).result();
});
afterAll(() => temporal.close());

const prefix = () => testStack().topicPrefix;

it('logs the console auditor in, and refuses a wrong password with 401', async () => {
  const me = await api('GET', '/api/v1/admin/console', { token });
  expect(me.body).toEqual({ sub: testStack().consoleLogin.username, role: 'auditor', temporalUiUrl: testStack().infra.TEMPORAL_UI_URL, temporalNamespace: 'default' });
  const wrong = await api('POST', '/api/v1/auth/login', { body: { ...testStack().consoleLogin, password: 'guess' } });
  expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
});

it('lists the topics with their partitions, end offsets and each group caught up', async () => {
  const { body } = await api('GET', '/api/v1/admin/topics', { token });
  const inventory = body.topics.find((topic: { topic: string }) => topic.topic === commandTopic('inventory', prefix()));
  expect(inventory.partitions).toHaveLength(3);
  expect(inventory.lag[`${prefix()}inventory`]).toBe(0);
  expect(body.topics.map((topic: { topic: string }) => topic.topic)).toContain(orderEventsTopic(prefix()));
});

it("reads one order's commands decoded, and one of them again by partition and offset", async () => {
  const { body } = await api('GET', `/api/v1/admin/topics/${commandTopic('inventory', prefix())}/messages?orderId=${orderId}`, { token });
  expect(body.messages.map((message: { type: string }) => message.type)).toEqual(['inventory.ReserveStock', 'inventory.CommitStock']);
  const [reserve] = body.messages;
  expect(reserve).toMatchObject({ key: orderId, body: { orderId, lines: [{ sku: 'iPhone15', quantity: 1 }] }, error: null });

  const again = await api('GET', `/api/v1/admin/topics/${reserve.topic}/messages/${reserve.partition}/${reserve.offset}`, { token });
  expect(again.body).toEqual(reserve);
  const past = await api('GET', `/api/v1/admin/topics/${reserve.topic}/messages/${reserve.partition}/999999999`, { token });
  expect([past.status, past.body.error.code]).toEqual([404, 'message_not_found']);
});

it("publishes the order's every status change on the order-events topic", async () => {
  const { body } = await api('GET', `/api/v1/admin/topics/${orderEventsTopic(prefix())}/messages?orderId=${orderId}`, { token });
  // Projections are sent without waiting for each other, so the topic may hold them in any order: version sorts them.
  const changes = body.messages.map((message: { body: { version: number; status: string } }) => message.body).sort((a: { version: number }, b: { version: number }) => a.version - b.version);
  expect(changes.map((change: { status: string }) => change.status)).toEqual(['PENDING', 'RESERVED', 'PAID', 'SHIPPING', 'COMPLETED']);
  expect(changes[4]).toMatchObject({ orderId, customerId: 'guest', totalCents: 500_00, currency: 'USD', version: 5 });
});

it("reads stock from the inventory service: the order's unit shipped", async () => {
  const { body } = await api('GET', '/api/v1/admin/stock?sku=iPhone15', { token });
  expect(body.stock.map((level: { warehouseId: string }) => level.warehouseId)).toEqual(['WH-EAST', 'WH-WEST']);
  expect(body.stock.reduce((sum: number, level: { shipped: number }) => sum + level.shipped, 0)).toBeGreaterThanOrEqual(1);
  for (const level of body.stock) expect(Object.keys(level).sort()).toEqual(['available', 'reserved', 'shipped', 'sku', 'warehouseId']);
});

it('refuses a customer with 403 and reads nothing', async () => {
  const refused = await api('GET', '/api/v1/admin/stock', { token: tokenFor('alice', 'customer') });
  expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
});
