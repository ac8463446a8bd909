import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { Header, MessageRegistry, ReserveStock, ReserveStockReply, commandTopic, encodeCommand } from '@omniflow/contracts';
import { collectMessages, createTestTopic, openDatabase, readProcessLog, testKafka, testStack } from '@omniflow/devstack/testing';

/**
 * Talks to the running inventory service only through Kafka, as the orchestrator does, and checks its
 * database directly. Each test uses its own SKU and reply topic, so nothing else moves what it measures.
 */
let kafka: Kafka;
let producer: Producer;
let db: Sequelize;
const replies = new MessageRegistry([ReserveStockReply]);

beforeAll(async () => {
  kafka = testKafka();
  producer = kafka.producer();
  await producer.connect();
  db = openDatabase('inventory');
});
afterAll(async () => {
  await producer.disconnect();
  await db.close();
});

async function stockWith(available: number): Promise<string> {
  const sku = `T-${randomUUID().slice(0, 8)}`;
  await db.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", {
    replacements: [sku, available],
  });
  return sku;
}

async function levels(sku: string) {
  const [row] = await db.query<{ available: number; reserved: number }>('SELECT available, reserved FROM stock WHERE sku = ?', {
    replacements: [sku],
    type: QueryTypes.SELECT,
  });
  return row;
}

async function count(sql: string, value: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, { replacements: [value], type: QueryTypes.SELECT });
  return Number(row?.n);
}

function reserveCommand(sku: string, quantity: number, replyTo: string) {
  const orderId = randomUUID();
  return encodeCommand(ReserveStock, { orderId, lines: [{ sku, quantity }] }, {
    orderId,
    workflowId: `order-${orderId}`,
    activityId: '1',
    idempotencyKey: `order-${orderId}/stock`,
    replyTo,
  });
}

const inventoryCommands = () => commandTopic('inventory', testStack().topicPrefix);

it('applies a redelivered command once and answers both deliveries with the same reply', async () => {
  const sku = await stockWith(10);
  const replyTo = await createTestTopic(kafka);
  const command = reserveCommand(sku, 3, replyTo);

  // The very same message twice, as Kafka redelivers it after a consumer dies before committing its offset.
  await producer.send({ topic: inventoryCommands(), messages: [command] });
  await producer.send({ topic: inventoryCommands(), messages: [command] });
  const [first, second] = await collectMessages(kafka, replyTo, 2);

  expect(second!.value).toEqual(first!.value);
  expect(replies.decode(first!).body).toEqual({
    outcome: 'RESERVED',
    allocations: [{ sku, warehouseId: 'WH-EAST', quantity: 3 }],
    reason: null,
  });
  expect(first!.headers![Header.causationId]!.toString()).toBe(command.headers[Header.messageId]);
  expect(await levels(sku)).toEqual({ available: 7, reserved: 3 });
  expect(await count('SELECT COUNT(*) AS n FROM reservations WHERE sku = ?', sku)).toBe(1);
  expect(await count('SELECT COUNT(*) AS n FROM saga_barrier WHERE idempotency_key = ?', command.headers[Header.idempotencyKey]!)).toBe(1);
});

it('answers a reservation it cannot fill with OUT_OF_STOCK and holds nothing', async () => {
  const sku = await stockWith(2);
  const replyTo = await createTestTopic(kafka);
  await producer.send({ topic: inventoryCommands(), messages: [reserveCommand(sku, 3, replyTo)] });
  const [reply] = await collectMessages(kafka, replyTo, 1);

  expect(replies.decode(reply!).body).toMatchObject({ outcome: 'OUT_OF_STOCK', allocations: [], reason: expect.stringContaining(sku) });
  expect(await levels(sku)).toEqual({ available: 2, reserved: 0 });
});

it('rejects undecodable commands without effect and goes on with the next one', async () => {
  const sku = await stockWith(5);
  const replyTo = await createTestTopic(kafka);
  const valid = reserveCommand(sku, 1, replyTo);
  const poisonKey = `poison-${randomUUID()}`;
  const headers = (overrides: Record<string, string>) => ({ ...valid.headers, [Header.idempotencyKey]: poisonKey, ...overrides });
  // Same key as the valid command, so all land on one partition and are consumed in this order.
  await producer.send({
    topic: inventoryCommands(),
    messages: [
      { key: valid.key, value: Buffer.from('{"orderId": "not avro"}'), headers: headers({}) },
      { key: valid.key, value: valid.value, headers: headers({ [Header.messageType]: 'inventory.DropAllStock' }) },
      { key: valid.key, value: valid.value, headers: headers({ [Header.schemaFingerprint]: 'f00d' }) },
      { key: valid.key, value: valid.value, headers: { [Header.messageType]: ReserveStock.name, [Header.schemaFingerprint]: ReserveStock.fingerprint } },
      valid,
    ],
  });
  const [reply] = await collectMessages(kafka, replyTo, 1);

  expect(replies.decode(reply!).body).toMatchObject({ outcome: 'RESERVED' });
  expect(await levels(sku)).toEqual({ available: 4, reserved: 1 });
  expect(await count('SELECT COUNT(*) AS n FROM saga_barrier WHERE idempotency_key = ?', poisonKey)).toBe(0);
  const log = readProcessLog('inventory');
  expect(log).toMatch(/"reason":"inventory.ReserveStock: payload is not valid Avro[^"]*".*"msg":"rejected undecodable message"/);
  expect(log).toMatch(/"reason":"unknown message type inventory.DropAllStock".*"msg":"rejected undecodable message"/);
  expect(log).toMatch(/"reason":"inventory.ReserveStock: schema fingerprint f00d is not [0-9a-f]+".*"msg":"rejected undecodable message"/);
  expect(log).toMatch(/"reason":"missing message-id header".*"msg":"rejected undecodable message"/);
});
