import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { KafkaMessage } from 'kafkajs';
import { QueryTypes, type Sequelize } from 'sequelize';
import {
  CommitStock,
  Header,
  MessageRegistry,
  ReleaseStock,
  ReleaseStockReply,
  ReserveStock,
  ReserveStockReply,
  CommitStockReply,
  availabilityTopic,
  commandTopic,
  deadLetterTopic,
  encodeCommand,
  type OrderLine,
  type OutgoingMessage,
  type SagaOp,
} from '@omniflow/contracts';
import type { ReplySink } from '@omniflow/lib/participant';
import { collectMessages, createTestTopic, freshTestDatabase, testKafka, testStack } from '@omniflow/devstack/testing';
import { inventoryHandlers } from './handlers';
import { reserveStockHandler } from './reserve-stock';
import { openInventoryDatabase, startInventoryInProcess } from './testing/inventory-in-process';

/**
 * Batches against the real Kafka and MariaDB: the inventory participant runs in this process on a topic prefix
 * and database of each test's own (one partition, so the order of commands is total), so a test can choose its
 * batch bound, plant a bug in a handler or crash the process at a chosen point.
 */
const kafka = testKafka();
const brokers = testStack().infra.KAFKA_BROKERS.split(',');
const replies = new MessageRegistry([ReserveStockReply, ReleaseStockReply, CommitStockReply]);
const HOT = 'HOT';
const STOCK = [
  { sku: HOT, warehouseId: 'WH-EAST', available: 30 },
  { sku: HOT, warehouseId: 'WH-WEST', available: 15 },
  { sku: 'COOL-A', warehouseId: 'WH-EAST', available: 12 },
  { sku: 'COOL-B', warehouseId: 'WH-WEST', available: 8 },
];

/** mulberry32: a small seeded generator, so a failing mix can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function command<C extends { orderId: string }>(type: typeof ReserveStock | typeof ReleaseStock | typeof CommitStock, body: C, branch: string, sagaOp: SagaOp): OutgoingMessage {
  return encodeCommand(type as never, body as never, {
    orderId: body.orderId,
    workflowId: `order-${body.orderId}`,
    activityId: randomUUID(),
    idempotencyKey: `order-${body.orderId}/${branch}`,
    sagaOp,
    replyTo: 'set-per-run',
  });
}

/**
 * A seeded mix over `skus`: reservations (some out of stock), releases as the saga's compensation after and
 * before their reservation, parcel releases and commits, and duplicates right after and much later.
 */
function mix(seed: number, skus: string[], orders: number): OutgoingMessage[] {
  const next = random(seed);
  const pick = <T,>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const timelines: OutgoingMessage[][] = [];
  for (let i = 0; i < orders; i++) {
    const orderId = randomUUID();
    const lines: OrderLine[] = Array.from({ length: next() < 0.7 ? 1 : 2 }, () => ({ sku: pick(skus), quantity: 1 + Math.floor(next() * 3) }));
    const reserve = command(ReserveStock, { orderId, lines }, 'stock', 'action');
    const compensate = command(ReleaseStock, { orderId, warehouseId: null }, 'stock', 'compensation');
    const warehouseId = pick(['WH-EAST', 'WH-WEST']);
    const fate = next();
    const timeline =
      fate < 0.3 ? [reserve]
      : fate < 0.45 ? [reserve, compensate]
      : fate < 0.55 ? [compensate, reserve]
      : fate < 0.7 ? [reserve, command(CommitStock, { orderId, warehouseId }, `shipment/${warehouseId}`, 'action')]
      : fate < 0.8 ? [reserve, command(ReleaseStock, { orderId, warehouseId }, `parcel/${warehouseId}`, 'action'), compensate]
      : [reserve, reserve, compensate, compensate];
    timelines.push(timeline.flatMap((message) => (next() < 0.1 ? [message, message] : [message])));
  }
  // Interleave the orders at random, each order's own messages keeping their order.
  const messages: OutgoingMessage[] = [];
  while (timelines.some((timeline) => timeline.length > 0)) {
    const pending = timelines.filter((timeline) => timeline.length > 0);
    messages.push(pick(pending).shift()!);
  }
  // Late redeliveries of messages already answered.
  for (let i = 0; i < orders / 10; i++) messages.push(pick(messages));
  return messages;
}

interface Run {
  replies: KafkaMessage[];
  stock: Record<string, unknown>[];
  barrierRows: number;
  batchSizes: number[];
  database: Sequelize;
}

/** A fresh prefix, topics and database: one partition for commands, so the order of commands is total. */
async function prepare(label: string): Promise<{ prefix: string; replyTopic: string; databaseUrl: string; database: Sequelize }> {
  const prefix = `${testStack().topicPrefix}${label}-${randomUUID().slice(0, 8)}.`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [commandTopic('inventory', prefix), deadLetterTopic(prefix), availabilityTopic(prefix)].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
  });
  await admin.disconnect();
  const databaseUrl = await freshTestDatabase(`omniflow_test_${label}_${randomUUID().slice(0, 8)}`);
  const database = await openInventoryDatabase(databaseUrl);
  for (const row of STOCK) {
    await database.query('INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, ?, ?, 0)', { replacements: [row.sku, row.warehouseId, row.available] });
  }
  return { prefix, replyTopic: await createTestTopic(kafka), databaseUrl, database };
}

/** The messages sent to `prefix`'s command topic in one request, their replies asked on `replyTopic`. */
async function send(prefix: string, replyTopic: string, messages: OutgoingMessage[]): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: commandTopic('inventory', prefix),
    messages: messages.map((message) => ({ ...message, headers: { ...message.headers, [Header.replyTo]: replyTopic } })),
  });
  await producer.disconnect();
}

async function stockOf(database: Sequelize): Promise<Record<string, unknown>[]> {
  return database.query('SELECT sku, warehouse_id, available, reserved, shipped FROM stock ORDER BY sku, warehouse_id', { type: QueryTypes.SELECT });
}

async function count(database: Sequelize, sql: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(sql, { type: QueryTypes.SELECT });
  return Number(row!.n);
}

async function run(messages: OutgoingMessage[], maxBatch: number): Promise<Run> {
  const { prefix, replyTopic, databaseUrl, database } = await prepare(`oracle${maxBatch}`);
  const batchSizes: number[] = [];
  const recordSizes = (sendReplies: ReplySink): ReplySink => async (outgoing, announcements) => {
    batchSizes.push(outgoing.length);
    await sendReplies(outgoing, announcements);
  };
  // All commands are on the topic before the participant starts, so it fetches them together.
  await send(prefix, replyTopic, messages);
  const participant = await startInventoryInProcess({ brokers, databaseUrl, topicPrefix: prefix, maxBatch, replySink: recordSizes });
  try {
    const received = await collectMessages(kafka, replyTopic, messages.length);
    return {
      replies: received,
      stock: await stockOf(database),
      barrierRows: await count(database, 'SELECT COUNT(*) AS n FROM saga_barrier'),
      batchSizes,
      database,
    };
  } finally {
    await participant.stop();
  }
}

function bodies(run: Run): { type: string; body: unknown }[] {
  return run.replies.map((reply) => {
    const decoded = replies.decode(reply);
    return { type: decoded.type.name, body: decoded.body };
  });
}

function expectConserved(stock: Record<string, unknown>[]): void {
  for (const row of stock) {
    const initial = STOCK.find((level) => level.sku === row.sku && level.warehouseId === row.warehouse_id)!.available;
    expect(Number(row.available) + Number(row.reserved) + Number(row.shipped)).toBe(initial);
    expect(Number(row.available)).toBeGreaterThanOrEqual(0);
  }
}

describe.each([
  { name: 'one hot SKU', skus: [HOT], seed: 7 },
  { name: 'a few SKUs', skus: [HOT, 'COOL-A', 'COOL-B'], seed: 11 },
])('a batch answers as one command at a time would ($name)', ({ skus, seed }) => {
  let oneByOne: Run;
  let batched: Run;
  const messages = mix(seed, skus, 150);

  beforeAll(async () => {
    oneByOne = await run(messages, 1);
    batched = await run(messages, 1000);
  });
  afterAll(async () => {
    await oneByOne?.database.close();
    await batched?.database.close();
  });

  it('ran one command per transaction against many', () => {
    expect(Math.max(...oneByOne.batchSizes)).toBe(1);
    expect(Math.max(...batched.batchSizes)).toBeGreaterThan(50);
  });

  it('gives every command the same reply, byte for byte', () => {
    expect(batched.replies.map((reply) => reply.headers![Header.causationId]!.toString())).toEqual(
      messages.map((message) => message.headers[Header.messageId]),
    );
    expect(batched.replies.map((reply) => reply.headers![Header.messageType]!.toString())).toEqual(
      oneByOne.replies.map((reply) => reply.headers![Header.messageType]!.toString()),
    );
    expect(batched.replies.map((reply) => reply.value!.toString('hex'))).toEqual(oneByOne.replies.map((reply) => reply.value!.toString('hex')));
  });

  it('covers every rule: out of stock, late reservation aborted, releases, commits, duplicates', () => {
    const outcomes = bodies(batched).map(({ type, body }) => (type === ReserveStockReply.name ? (body as ReserveStockReply).outcome : type));
    expect(new Set(outcomes)).toEqual(new Set(['RESERVED', 'OUT_OF_STOCK', 'ABORTED', ReleaseStockReply.name, CommitStockReply.name]));
    expect(bodies(batched).some(({ type, body }) => type === ReleaseStockReply.name && (body as ReleaseStockReply).released.length > 0)).toBe(true);
  });

  it('ends with the same stock, conserved and never negative, and one barrier row per branch and op', () => {
    expect(batched.stock).toEqual(oneByOne.stock);
    expectConserved(batched.stock);
    expect(batched.barrierRows).toBe(oneByOne.barrierRows);
  });
});

it('dead-letters a command its handler fails on, and applies and answers every other command of its batch', async () => {
  const { prefix, replyTopic, databaseUrl, database } = await prepare('poison');
  const orders = Array.from({ length: 21 }, () => randomUUID());
  const poison = orders[10]!;
  const messages = orders.map((orderId) => command(ReserveStock, { orderId, lines: [{ sku: HOT, quantity: 1 }] }, 'stock', 'action'));
  // A handler bug that only this command meets.
  const buggyReserve = {
    ...reserveStockHandler,
    handle: (body: ReserveStock, context: Parameters<typeof reserveStockHandler.handle>[1]) =>
      body.orderId === poison ? Promise.reject(new Error('simulated handler bug')) : reserveStockHandler.handle(body, context),
  };
  const batchSizes: number[] = [];
  await send(prefix, replyTopic, messages);
  const participant = await startInventoryInProcess({
    brokers,
    databaseUrl,
    topicPrefix: prefix,
    maxBatch: 1000,
    handlers: inventoryHandlers.map((handler) => (handler === reserveStockHandler ? buggyReserve : handler)),
    replySink: (sendReplies) => async (outgoing, announcements) => {
      batchSizes.push(outgoing.length);
      await sendReplies(outgoing, announcements);
    },
  });
  try {
    const answered = await collectMessages(kafka, replyTopic, orders.length - 1);
    const [letter] = await collectMessages(kafka, deadLetterTopic(prefix), 1);
    expect(answered.map((reply) => reply.key!.toString())).toEqual(orders.filter((orderId) => orderId !== poison));
    expect(answered.map((reply) => (replies.decode(reply).body as ReserveStockReply).outcome)).toEqual(Array(orders.length - 1).fill('RESERVED'));
    expect(letter!.key!.toString()).toBe(poison);
    expect(letter!.headers![Header.deadLetterReason]!.toString()).toBe('unknown failure (attempt 3): simulated handler bug');
    expect(await count(database, `SELECT COUNT(*) AS n FROM saga_barrier WHERE idempotency_key = 'order-${poison}/stock'`)).toBe(0);
    expect(await count(database, `SELECT COUNT(*) AS n FROM reservations`)).toBe(orders.length - 1);
    expect(await stockOf(database)).toContainEqual({ sku: HOT, warehouse_id: 'WH-EAST', available: 10, reserved: 20, shipped: 0 });
    // The batch failed as a whole first, then its commands went one by one.
    expect(batchSizes).toEqual(Array(orders.length - 1).fill(1));
  } finally {
    await participant.stop();
    await database.close();
  }
});

describe.each(['after its commit, before the replies', 'after the replies, before the offset commit'])('a participant killed mid-batch, %s', (moment) => {
  it('loses nothing and applies nothing twice once it runs again', async () => {
    const { prefix, replyTopic, databaseUrl, database } = await prepare('crash');
    const messages = mix(3, [HOT, 'COOL-A'], 60);
    await send(prefix, replyTopic, messages);
    const sendFirst = moment.startsWith('after the replies');
    // The participant in a process of its own, which SIGKILLs itself when its first batch is committed.
    const child = await new Promise<NodeJS.Signals | null>((done) => {
      const script = `
        const { startInventoryInProcess } = require(${JSON.stringify(resolve(__dirname, '../dist/testing/inventory-in-process.js'))});
        startInventoryInProcess({
          brokers: ${JSON.stringify(brokers)}, databaseUrl: ${JSON.stringify(databaseUrl)}, topicPrefix: ${JSON.stringify(prefix)}, maxBatch: 1000,
          replySink: (send) => async (replies, announcements) => {
            if (${sendFirst}) await send(replies, announcements);
            process.kill(process.pid, 'SIGKILL');
          },
        });`;
      execFile(process.execPath, ['-e', script], (err) => done((err as { signal?: NodeJS.Signals } | null)?.signal ?? null));
    });
    expect(child).toBe('SIGKILL');
    const committed = await count(database, 'SELECT COUNT(*) AS n FROM saga_barrier');
    expect(committed).toBeGreaterThan(0);

    const participant = await startInventoryInProcess({ brokers, databaseUrl, topicPrefix: prefix, maxBatch: 1000 });
    try {
      const before = sendFirst ? messages.length : 0;
      const received = (await collectMessages(kafka, replyTopic, before + messages.length)).slice(before);
      // Every command answered, in order, and (when the first replies got out) the same bytes both times.
      expect(received.map((reply) => reply.headers![Header.causationId]!.toString())).toEqual(messages.map((message) => message.headers[Header.messageId]));
      if (sendFirst) {
        const first = (await collectMessages(kafka, replyTopic, before)).map((reply) => reply.value!.toString('hex'));
        expect(received.map((reply) => reply.value!.toString('hex'))).toEqual(first);
      }
      // Nothing applied twice: the barrier rows are the ones the killed batch committed, and each held
      // reservation belongs to one RESERVED reply.
      expect(await count(database, 'SELECT COUNT(*) AS n FROM saga_barrier')).toBe(committed);
      const reserved = received
        .map((reply) => replies.decode(reply))
        .filter((decoded) => decoded.type.name === ReserveStockReply.name && (decoded.body as ReserveStockReply).outcome === 'RESERVED');
      const distinctReservations = new Set(reserved.map((decoded) => decoded.headers[Header.idempotencyKey]));
      expect(await count(database, 'SELECT COUNT(DISTINCT idempotency_key) AS n FROM reservations')).toBe(distinctReservations.size);
      expectConserved(await stockOf(database));
    } finally {
      await participant.stop();
      await database.close();
    }
  });
});
