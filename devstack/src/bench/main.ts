/**
 * `npm run bench [-- roundtrip|order|engine|read] [--count N] [--concurrency C]`
 *
 * roundtrip: ReserveStock commands straight onto Kafka against the real inventory service, all for ONE hot SKU,
 *   timing publish -> reply received. Concurrency C keeps C commands in flight (they contend for one row lock).
 * order: whole sagas over HTTP (POST -> workflow completed): three command round trips plus Temporal's overhead;
 *   then the engine's ceiling (below) at the same count and concurrency, and the ratio of the two.
 * engine: the same order workflows with no-op activities on their own task queue (engine.ts): Temporal alone.
 * read: GET /api/v1/orders/{id} over HTTP of completed orders and of orders held in review, with the orchestrator
 *   running and then stopped (reads.ts).
 *
 * Runs its own `bench` profile stack (own topics, databases, task queue), so figures do not depend on dev data.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { Sequelize } from 'sequelize';
import { Header, ReserveStock, commandTopic, encodeCommand } from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { publish } from '@omniflow/lib';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { RunningStack, resetProfile, stackSettings, type StackSettings } from '../stack';
import { ensureTopics } from '../topics';
import { engineCeiling } from './engine';
import { measure, quantile, report, throughput, type Measured } from './measure';
import { placeAndWait } from './place';
import { reads } from './reads';

interface Options {
  scenario: 'roundtrip' | 'order' | 'engine' | 'read';
  count: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { scenario: 'roundtrip', count: 2000, concurrency: 1 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === 'roundtrip' || arg === 'order' || arg === 'engine' || arg === 'read') options.scenario = arg;
    else if (arg === '--count') options.count = positive(arg, argv[++i]);
    else if (arg === '--concurrency') options.concurrency = positive(arg, argv[++i]);
    else throw new Error(`unknown argument ${arg}; usage: npm run bench -- [roundtrip|order|engine|read] [--count N] [--concurrency C]`);
  }
  return options;
}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number >= 1`);
  return n;
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

async function orders(settings: StackSettings, options: Options, client: Client): Promise<void> {
  const place = async () => void (await placeAndWait(settings, client));
  await measure(Math.min(10, options.count), options.concurrency, place);
  const whole = await measure(options.count, options.concurrency, place);
  report(`order saga POST->COMPLETED (concurrency ${options.concurrency})`, whole);
  // Measured right after, on the same server and machine: only the ratio of the two is worth comparing.
  const ceiling = await engine(settings, options, client);
  console.log(
    `order / engine ceiling: throughput ${(throughput(whole) / throughput(ceiling)).toFixed(2)}, ` +
      `p50 ${(quantile(whole, 0.5) / quantile(ceiling, 0.5)).toFixed(2)}x the ceiling's latency`,
  );
}

async function engine(settings: StackSettings, options: Options, client: Client): Promise<Measured> {
  const ceiling = await engineCeiling(settings, client, options.count, options.concurrency);
  report(`engine ceiling: the order workflows, no-op activities, start->result (concurrency ${options.concurrency})`, ceiling);
  return ceiling;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The seed holds 200 iPhone15; more orders than that would measure OUT_OF_STOCK sagas instead.
  if (options.scenario === 'order') options.count = Math.min(options.count, 150);
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('bench', infra);
  // The engine's ceiling needs only the Temporal server; everything else measures the bench stack.
  const stack = options.scenario === 'engine' ? null : await startStack(settings);
  const connection = await Connection.connect({ address: infra.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'default' });
  try {
    if (options.scenario === 'roundtrip') await roundtrip(settings, options);
    else if (options.scenario === 'engine') await engine(settings, options, client);
    else if (options.scenario === 'order') await orders(settings, options, client);
    else await reads(settings, options.count, options.concurrency, client, stack!);
  } finally {
    await connection.close();
    await stack?.stop();
    if (startedInfra) stopInfra();
  }
}

async function startStack(settings: StackSettings): Promise<RunningStack> {
  await resetProfile(settings);
  await ensureTopics(settings.infra.KAFKA_BROKERS, settings.topicPrefix);
  return RunningStack.start(settings, (name) => {
    console.error(`bench failed: ${name} crashed; see ${settings.logDir}/${name}.log`);
    process.exit(1);
  });
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
