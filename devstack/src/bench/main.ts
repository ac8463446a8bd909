/**
 * `npm run bench [-- roundtrip|order|read] [--count N] [--concurrency C]`
 * `npm run bench -- flash-sale --stock S --buyers B --concurrency C [--decline-share P] [--skus K]` (flash-sale.ts)
 *
 * roundtrip: ReserveStock commands straight onto Kafka against the real inventory service, all for ONE hot SKU,
 *   timing publish -> reply received. Concurrency C keeps C commands in flight (they contend for one row lock).
 * order: whole sagas over HTTP (POST -> workflow completed): three command round trips plus Temporal's overhead.
 * read: GET /api/v1/orders/{id} over HTTP for completed orders (the page a customer reloads after ordering).
 *
 * Runs its own `bench` profile stack (own topics, databases, task queue), so figures do not depend on dev data.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Sequelize } from 'sequelize';
import { Header, ReserveStock, commandTopic, encodeCommand } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { publish } from '@omniflow/lib';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { RunningStack, resetProfile, stackSettings, type StackSettings } from '../stack';
import { ensureTopics } from '../topics';
import { flashSale, parseFlashSaleArgs } from './flash-sale';
import { positive } from './args';
import { percentile } from './stats';

interface Options {
  scenario: 'roundtrip' | 'order' | 'read';
  count: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { scenario: 'roundtrip', count: 2000, concurrency: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === 'roundtrip' || arg === 'order' || arg === 'read') options.scenario = arg;
    else if (arg === '--count') options.count = positive(arg, argv[++i]);
    else if (arg === '--concurrency') options.concurrency = positive(arg, argv[++i]);
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [roundtrip|order|read|flash-sale] [--count N] [--concurrency C]`);
  }
  return options;
}

/** Runs `total` jobs with at most `concurrency` in flight, returning each job's latency in ms. */
async function measure(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        const start = performance.now();
        await job(i);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - began) / 1000 };
}

function report(title: string, { latencies, seconds }: { latencies: number[]; seconds: number }): void {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => percentile(sorted, q).toFixed(2);
  console.log(
    `${title}: n=${sorted.length} p50=${at(0.5)}ms p95=${at(0.95)}ms p99=${at(0.99)}ms max=${sorted.at(-1)!.toFixed(2)}ms ` +
      `throughput=${(sorted.length / seconds).toFixed(0)}/s`,
  );
}

async function roundtrip(settings: StackSettings, options: Options): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench', brokers: settings.infra.KAFKA_BROKERS.split(','), logLevel: logLevel.ERROR });
  const sku = `BENCH-${randomUUID().slice(0, 8)}`;
  const inventory = new Sequelize(settings.databaseUrl('inventory'), { dialect: 'mysql', logging: false });
  await inventory.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", {
    replacements: [sku, options.count + 10],
  });
  await inventory.close();

  const replyTopic = `${settings.topicPrefix}bench-replies-${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: replyTopic, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();

  const waiting = new Map<string, () => void>();
  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: replyTopic, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => waiting.get(message.headers?.[Header.causationId]?.toString() ?? '')?.(),
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  const send = async () => {
    const orderId = randomUUID();
    const message = encodeCommand(ReserveStock, { orderId, lines: [{ sku, quantity: 1 }] }, {
      orderId,
      workflowId: workflowIdFor(orderId),
      activityId: '1',
      idempotencyKey: `${workflowIdFor(orderId)}/stock`,
      sagaOp: 'action',
      replyTo: replyTopic,
    });
    const replied = new Promise<void>((done) => waiting.set(message.headers[Header.messageId]!, done));
    await publish(producer, commandTopic('inventory', settings.topicPrefix), message);
    await replied;
    waiting.delete(message.headers[Header.messageId]!);
  };
  // Warm-up: connections, JIT, the consumer group settling.
  await measure(Math.min(100, options.count), options.concurrency, send);
  report(`command->reply (ReserveStock, one hot SKU, concurrency ${options.concurrency})`, await measure(options.count, options.concurrency, send));
  await producer.disconnect();
  await consumer.disconnect();
}

/** Places a seed-shaped order over HTTP and waits for its saga to end; returns its id. */
async function placeAndWait(settings: StackSettings, client: Client): Promise<string> {
  const response = await fetch(`${settings.gatewayUrl}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 500, items: ['iPhone15'] }),
  });
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  const { orderId } = (await response.json()) as { orderId: string };
  await client.workflow.getHandle(workflowIdFor(orderId)).result();
  return orderId;
}

async function orders(settings: StackSettings, options: Options, client: Client): Promise<void> {
  const place = async () => void (await placeAndWait(settings, client));
  await measure(Math.min(10, options.count), options.concurrency, place);
  report(`order saga POST->COMPLETED (concurrency ${options.concurrency})`, await measure(options.count, options.concurrency, place));
}

async function reads(settings: StackSettings, options: Options, client: Client): Promise<void> {
  const orderIds: string[] = [];
  for (let i = 0; i < 20; i++) orderIds.push(await placeAndWait(settings, client));
  const read = async (i: number) => {
    const response = await fetch(`${settings.gatewayUrl}/api/v1/orders/${orderIds[i % orderIds.length]}`);
    if (response.status !== 200) throw new Error(`GET answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  await measure(Math.min(100, options.count), options.concurrency, read);
  report(`GET a completed order (concurrency ${options.concurrency})`, await measure(options.count, options.concurrency, read));
}

/** Starts the infrastructure (if down) and a fresh `bench` profile stack, runs `scenario` against it, stops both. */
async function withBenchStack(scenario: (settings: StackSettings, client: Client) => Promise<void>): Promise<void> {
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('bench', infra);
  await resetProfile(settings);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
  const stack = await RunningStack.start(settings, (name) => {
    console.error(`bench failed: ${name} crashed; see ${settings.logDir}/${name}.log`);
    process.exit(1);
  });
  const connection = await Connection.connect({ address: infra.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'default' });
  try {
    await scenario(settings, client);
  } finally {
    await connection.close();
    await stack.stop();
    if (startedInfra) stopInfra();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'flash-sale') {
    const flashOptions = parseFlashSaleArgs(argv.slice(1));
    return withBenchStack((settings, client) => flashSale(settings, client, flashOptions));
  }
  const options = parseArgs(argv);
  // The seed holds 200 iPhone15; more orders than that would measure OUT_OF_STOCK sagas instead.
  if (options.scenario === 'order') options.count = Math.min(options.count, 150);
  await withBenchStack(async (settings, client) => {
    if (options.scenario === 'roundtrip') await roundtrip(settings, options);
    else await (options.scenario === 'order' ? orders : reads)(settings, options, client);
  });
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
  },
);
