/**
 * `npm run bench -- roundtrip [--concurrency C] [--batch N] [--partitions P] [--skus K] [--seconds S]`
 *
 * ReserveStock commands straight onto Kafka against the real inventory service, timing publish -> reply. With no
 * flags it sweeps concurrency 1, 16, 64, 256 and 1024, each with `--batch 1` (one command per transaction,
 * reply send and offset commit) and the default batch bound, at 3 and at 12 partitions of the command topic,
 * and prints a table with the ratio batched / batch 1 measured in the same run. Every command is for one hot
 * SKU, or spread over K (`--skus`). After every cell it checks that stock is conserved exactly (initial =
 * available + reserved), that every command got one reply and RESERVED (stock never runs out here), and that no
 * command got two different replies; it fails loudly otherwise.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel, type Admin, type Message, type Producer } from 'kafkajs';
import { Sequelize } from 'sequelize';
import { Header, ReserveStock, ReserveStockReply, TOPIC_RETENTION_MS, commandTopic, encodeCommand } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { batchConfig } from '@omniflow/lib/participant';
import { REPO_ROOT } from '../infra';
import type { StackSettings } from '../stack/settings';
import type { RunningStack } from '../stack/supervisor';
import { latencySummary, throughput, type LatencySummary } from './measure';

export interface RoundtripOptions {
  concurrency: number[];
  batch: number[];
  partitions: number[];
  skus: number;
  seconds: number;
}

export const ROUNDTRIP_DEFAULTS: RoundtripOptions = {
  concurrency: [1, 16, 64, 256, 1024],
  batch: [1, batchConfig.PARTICIPANT_MAX_BATCH.parse(undefined)],
  partitions: [3, 12],
  skus: 1,
  seconds: 5,
};

/** Enough units that the sweep never sells out: every reply must be RESERVED. */
const UNITS_PER_SKU = 1_000_000_000;

interface Cell extends LatencySummary {
  partitions: number;
  batch: number;
  concurrency: number;
  throughput: number;
}

export async function roundtrip(settings: StackSettings, stack: RunningStack, options: RoundtripOptions): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench', brokers: settings.infra.KAFKA_BROKERS.split(','), logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  const inventory = new Sequelize(settings.databaseUrl('inventory'), { dialect: 'mysql', logging: false });
  const skus = Array.from({ length: options.skus }, (_, i) => `BENCH-${randomUUID().slice(0, 8)}-${i}`);
  for (const sku of skus) {
    await inventory.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", { replacements: [sku, UNITS_PER_SKU] });
  }
  const replyTopic = `${settings.topicPrefix}bench-replies-${randomUUID().slice(0, 8)}`;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: replyTopic, numPartitions: 3, replicationFactor: 1 }] });
  const client = await RoundtripClient.open(kafka, replyTopic, commandTopic('inventory', settings.topicPrefix));
  const cells: Cell[] = [];
  try {
    for (const partitions of options.partitions) {
      for (const batch of options.batch) {
        await restartInventory(stack, batch, () => ensurePartitions(admin, commandTopic('inventory', settings.topicPrefix), partitions));
        // Warm-up: connections, JIT, the consumer group settling on its partitions.
        await client.run(64, 2, skus);
        for (const concurrency of options.concurrency) {
          const measured = await client.run(concurrency, options.seconds, skus);
          const cell = { partitions, batch, concurrency, throughput: throughput(measured), ...latencySummary(measured.latencies) };
          cells.push(cell);
          await verify(inventory, skus, client);
          console.log(
            `partitions ${partitions}  batch ${String(batch).padStart(4)}  concurrency ${String(concurrency).padStart(4)}: ` +
              `p50 ${cell.p50.toFixed(1)} ms  p99 ${cell.p99.toFixed(1)} ms  ${cell.throughput.toFixed(0)}/s  (stock conserved, ${client.answered} answered once each)`,
          );
        }
      }
    }
  } finally {
    await client.close();
    await inventory.close();
    await admin.disconnect();
  }
  printTable(cells, options.skus);
  const file = resolve(REPO_ROOT, '.omniflow/bench', `roundtrip-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify({ options, cells }, null, 2));
  console.log(`figures written to ${file}`);
  // The reply topic goes once nothing produces to it any more (see ParticipantProbe.close): the caller stops the
  // stack, then deletes it.
  cleanups.push(async () => {
    const later = kafka.admin();
    await later.connect();
    await later.deleteTopics({ topics: [replyTopic] });
    await later.disconnect();
  });
}

/** What to do once the stack has stopped. */
export const cleanups: (() => Promise<void>)[] = [];

/** A deliberate restart of inventory with another batch bound; the caller's crash handler must let it pass. */
export const restarting = { inventory: false };

async function restartInventory(stack: RunningStack, batch: number, whileStopped: () => Promise<void>): Promise<void> {
  restarting.inventory = true;
  await stack.stopOne({ name: 'inventory', copy: 0 });
  await whileStopped();
  process.env.PARTICIPANT_MAX_BATCH = String(batch);
  await stack.spawn({ name: 'inventory', copy: 0 });
  restarting.inventory = false;
}

/**
 * Gives the command topic `partitions` partitions, with its consumer stopped: Kafka can add partitions to a topic
 * but not take them away, so a topic with more (a sweep's last step, an earlier run) is deleted and made anew.
 */
async function ensurePartitions(admin: Admin, topic: string, partitions: number): Promise<void> {
  const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  const current = metadata!.partitions.length;
  if (current === partitions) return;
  if (current < partitions) {
    await admin.createPartitions({ topicPartitions: [{ topic, count: partitions }] });
    return;
  }
  await admin.deleteTopics({ topics: [topic] });
  const config = { topic, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: String(TOPIC_RETENTION_MS) }] };
  // The broker deletes in the background: creating the name again fails until it has finished.
  for (let attempt = 1; !(await admin.createTopics({ waitForLeaders: true, topics: [config] }).catch(() => false)); attempt++) {
    if (attempt === 30) throw new Error(`${topic} could not be made again with ${partitions} partitions`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function verify(inventory: Sequelize, skus: string[], client: RoundtripClient): Promise<void> {
  const [row] = (await inventory.query('SELECT SUM(available) AS available, SUM(reserved) AS reserved FROM stock WHERE sku IN (?)', {
    replacements: [skus],
  }))[0] as { available: string; reserved: string }[];
  const available = Number(row!.available);
  const reserved = Number(row!.reserved);
  const problems = [
    ...(available + reserved !== UNITS_PER_SKU * skus.length ? [`stock not conserved: ${available} available + ${reserved} reserved != ${UNITS_PER_SKU * skus.length}`] : []),
    ...(reserved !== client.reserved ? [`${reserved} units reserved in the database, ${client.reserved} RESERVED replies`] : []),
    ...client.problems,
  ];
  if (problems.length > 0) throw new Error(`roundtrip check failed:\n  ${problems.join('\n  ')}`);
}

function printTable(cells: Cell[], skus: number): void {
  console.log(`\nReserveStock publish -> reply, ${skus === 1 ? 'one hot SKU' : `${skus} SKUs`}; ratio = throughput / the same cell with batch 1\n`);
  console.log('| partitions | concurrency | batch | p50 ms | p99 ms | reservations/s | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const cell of cells) {
    const base = cells.find((other) => other.batch === 1 && other.partitions === cell.partitions && other.concurrency === cell.concurrency);
    const ratio = base ? `${(cell.throughput / base.throughput).toFixed(1)}×` : '';
    console.log(`| ${cell.partitions} | ${cell.concurrency} | ${cell.batch} | ${cell.p50.toFixed(1)} | ${cell.p99.toFixed(1)} | ${cell.throughput.toFixed(0)} | ${ratio} |`);
  }
}

/**
 * Keeps `concurrency` commands in flight, each sent as soon as the one before it in its lane is answered. Sends
 * are grouped: whatever is waiting when the producer is free goes in one request, so the client is not what
 * limits the figure.
 */
class RoundtripClient {
  private readonly waiting = new Map<string, (reply: Buffer) => void>();
  /** The first reply to each command, to catch a second, different one. */
  private readonly firstReply = new Map<string, Buffer>();
  private queue: Message[] = [];
  private sending: Promise<void> | undefined;
  readonly problems: string[] = [];
  reserved = 0;
  answered = 0;

  private constructor(
    private readonly producer: Producer,
    private readonly consumer: ReturnType<Kafka['consumer']>,
    private readonly replyTopic: string,
    private readonly topic: string,
  ) {}

  static async open(kafka: Kafka, replyTopic: string, topic: string): Promise<RoundtripClient> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const client = new RoundtripClient(producer, consumer, replyTopic, topic);
    await consumer.connect();
    await consumer.subscribe({ topic: replyTopic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) client.received(message.headers?.[Header.causationId]?.toString() ?? '', message.value!);
      },
    });
    return client;
  }

  private received(causationId: string, value: Buffer): void {
    const first = this.firstReply.get(causationId);
    if (first) {
      if (!first.equals(value)) this.problems.push(`command ${causationId} got two different replies`);
      return;
    }
    this.firstReply.set(causationId, value);
    this.answered++;
    const { outcome } = ReserveStockReply.decode(value);
    if (outcome === 'RESERVED') this.reserved++;
    else this.problems.push(`command ${causationId} answered ${outcome}`);
    this.waiting.get(causationId)?.(value);
  }

  /** Runs for `seconds`, then lets the commands in flight finish; their latencies count, the drain does not. */
  async run(concurrency: number, seconds: number, skus: string[]): Promise<{ latencies: number[]; seconds: number }> {
    const latencies: number[] = [];
    const began = performance.now();
    const until = began + seconds * 1000;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const start = performance.now();
          await this.roundtrip(skus[next++ % skus.length]!);
          latencies.push(performance.now() - start);
        }
      }),
    );
    return { latencies, seconds: (performance.now() - began) / 1000 };
  }

  private roundtrip(sku: string): Promise<void> {
    const orderId = randomUUID();
    const message = encodeCommand(ReserveStock, { orderId, lines: [{ sku, quantity: 1 }] }, {
      orderId,
      workflowId: workflowIdFor(orderId),
      activityId: '1',
      idempotencyKey: `${workflowIdFor(orderId)}/stock`,
      sagaOp: 'action',
      replyTo: this.replyTopic,
    });
    const messageId = message.headers[Header.messageId]!;
    const replied = new Promise<void>((done) =>
      this.waiting.set(messageId, () => {
        this.waiting.delete(messageId);
        done();
      }),
    );
    this.queue.push(message);
    this.sending ??= this.sendQueued();
    return replied;
  }

  private async sendQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const messages = this.queue;
        this.queue = [];
        await this.producer.send({ topic: this.topic, acks: -1, messages });
      }
    } catch (err) {
      // Commands in flight would wait for replies that never come: stop the whole run, loudly.
      console.error(`bench failed: sending commands: ${(err as Error).message}`);
      process.exit(1);
    } finally {
      this.sending = undefined;
    }
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.consumer.disconnect();
  }
}
