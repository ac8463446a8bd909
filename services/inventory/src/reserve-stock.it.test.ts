import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { Header, ReserveStock, ReserveStockReply, deadLetterTopic } from '@omniflow/contracts';
import { ParticipantProbe, collectMessages, openDatabase, readProcessLog, stockOf, stockUp, testKafka, testStack } from '@omniflow/devstack/testing';

/**
 * Talks to the running inventory service only through Kafka, as the orchestrator does, and checks its
 * database directly. Each test uses its own SKU and the probe its own reply topic, so nothing else interferes.
 */
let probe: ParticipantProbe;
let db: Sequelize;
beforeAll(async () => {
  probe = await ParticipantProbe.open('inventory', [ReserveStockReply]);
  db = openDatabase('inventory');
});
afterAll(async () => {
  await probe.close();
  await db.close();
});

async function count(sql: string, value: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, { replacements: [value], type: QueryTypes.SELECT });
  return Number(row?.n);
}

const reserve = (sku: string, quantity: number) =>
  probe.command(ReserveStock, { orderId: randomUUID(), lines: [{ sku, quantity }] }, 'stock', 'action');

it('applies a redelivered command once and answers both deliveries with the same reply', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 10 });
  const command = reserve(sku, 3);

  // The very same message twice, as Kafka redelivers it after a consumer dies before committing its offset.
  await probe.send(command);
  await probe.send(command);
  const [first, second] = await probe.nextReplies(2);

  expect(second!.raw.value).toEqual(first!.raw.value);
  expect(first!.body).toEqual({ outcome: 'RESERVED', allocations: [{ sku, warehouseId: 'WH-EAST', quantity: 3 }], reason: null });
  expect(first!.raw.headers![Header.causationId]!.toString()).toBe(command.headers[Header.messageId]);
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 7, reserved: 3, shipped: 0 } });
  expect(await count('SELECT COUNT(*) AS n FROM reservations WHERE sku = ?', sku)).toBe(1);
  expect(await count('SELECT COUNT(*) AS n FROM saga_barrier WHERE idempotency_key = ?', command.headers[Header.idempotencyKey]!)).toBe(1);
});

it('answers a reservation it cannot fill with OUT_OF_STOCK and holds nothing', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 2 });
  await probe.send(reserve(sku, 3));
  const [reply] = await probe.nextReplies(1);

  expect(reply!.body).toMatchObject({ outcome: 'OUT_OF_STOCK', allocations: [], reason: expect.stringContaining(sku) });
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 2, reserved: 0, shipped: 0 } });
});

it('dead-letters undecodable commands with the reason, without effect, and goes on with the next one', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 5 });
  const valid = reserve(sku, 1);
  const poisonKey = `poison-${randomUUID()}`;
  const headers = (overrides: Record<string, string>) => ({ ...valid.headers, [Header.idempotencyKey]: poisonKey, ...overrides });
  const poison = [
    { key: valid.key, value: Buffer.from('{"orderId": "not avro"}'), headers: headers({}) },
    { key: valid.key, value: valid.value, headers: headers({ [Header.messageType]: 'inventory.DropAllStock' }) },
    { key: valid.key, value: valid.value, headers: headers({ [Header.schemaFingerprint]: 'f00d' }) },
    { key: valid.key, value: valid.value, headers: { [Header.messageType]: ReserveStock.name, [Header.schemaFingerprint]: ReserveStock.fingerprint } },
  ];
  // Same key as the valid command, so all land on one partition and are consumed in this order.
  await probe.send(...poison, valid);
  const [reply] = await probe.nextReplies(1);
  const deadLetters = await collectMessages(testKafka(), deadLetterTopic(testStack().topicPrefix), poison.length, (message) => message.key?.toString() === valid.key);
  expect(deadLetters.map((letter) => letter.value)).toEqual(poison.map((message) => message.value));
  expect(deadLetters.map((letter) => letter.headers![Header.deadLetterReason]!.toString())).toEqual([
    expect.stringMatching(/^inventory.ReserveStock: payload is not valid Avro/),
    'unknown message type inventory.DropAllStock',
    expect.stringMatching(/^inventory.ReserveStock: schema fingerprint f00d is not/),
    'missing message-id, order-id, workflow-id, activity-id, idempotency-key, saga-op, reply-to headers',
  ]);
  expect(deadLetters[0]!.headers![Header.deadLetterSource]!.toString()).toMatch(/^inventory@test\.inventory\.commands\/\d+\/\d+$/);

  expect(reply!.body).toMatchObject({ outcome: 'RESERVED' });
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 4, reserved: 1, shipped: 0 } });
  expect(await count('SELECT COUNT(*) AS n FROM saga_barrier WHERE idempotency_key = ?', poisonKey)).toBe(0);
  const log = readProcessLog('inventory');
  expect(log).toMatch(/"reason":"inventory.ReserveStock: payload is not valid Avro[^"]*".*"msg":"message dead-lettered"/);
  expect(log).toMatch(/"reason":"unknown message type inventory.DropAllStock".*"msg":"message dead-lettered"/);
  expect(log).toMatch(/"reason":"inventory.ReserveStock: schema fingerprint f00d is not [0-9a-f]+".*"msg":"message dead-lettered"/);
  expect(log).toMatch(
    /"reason":"missing message-id, order-id, workflow-id, activity-id, idempotency-key, saga-op, reply-to headers".*"msg":"message dead-lettered"/,
  );
});

it('dead-letters a command whose reply cannot be delivered (no such reply-to topic) and serves the next one', async () => {
  const sku = await stockUp(db, { 'WH-EAST': 5 });
  const orderId = randomUUID();
  const lost = probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 1 }] }, 'stock', 'action');
  lost.headers[Header.replyTo] = `${testStack().topicPrefix}no-such-topic-${randomUUID()}`;
  // The same order (same key, same partition) on another branch: it can only be served once the partition moves on.
  const next = probe.command(ReserveStock, { orderId, lines: [{ sku, quantity: 2 }] }, 'stock-again', 'action');
  await probe.send(lost, next);

  const [reply] = await probe.nextReplies(1);
  expect(reply!.raw.headers![Header.causationId]!.toString()).toBe(next.headers[Header.messageId]);
  const [letter] = await collectMessages(testKafka(), deadLetterTopic(testStack().topicPrefix), 1, (message) =>
    message.headers?.[Header.messageId]?.toString() === lost.headers[Header.messageId],
  );
  expect(letter!.headers![Header.deadLetterReason]!.toString()).toBe(`permanent failure (attempt 1): reply-to topic ${lost.headers[Header.replyTo]} does not exist`);
  // The effect was committed before the reply failed, and stays: a retry of the command is answered from the barrier.
  expect(await stockOf(db, sku)).toEqual({ 'WH-EAST': { available: 2, reserved: 3, shipped: 0 } });
});
