/**
 * `npm run bench [-- roundtrip|order|read] [--count N] [--concurrency C]`
 *
 * roundtrip: ReserveStock commands straight onto Kafka against the real inventory service, for one hot SKU,
 *   batch 1 against batched over a sweep of concurrencies and partition counts (see roundtrip.ts for its flags).
 * order: whole sagas over HTTP (POST -> workflow completed): three command round trips plus Temporal's overhead.
 * read: GET /api/v1/orders/{id} over HTTP for completed orders (the page a customer reloads after ordering).
 *
 * Runs its own `bench` profile stack (own topics, databases, task queue), so figures do not depend on dev data.
 */
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { RunningStack, resetProfile, stackSettings, type StackSettings } from '../stack';
import { ensureTopics } from '../topics';
import { latencySummary } from './measure';
import { ROUNDTRIP_DEFAULTS, cleanups, restarting, roundtrip, type RoundtripOptions } from './roundtrip';

interface Options {
  scenario: 'roundtrip' | 'order' | 'read';
  count: number;
  concurrency: number;
  roundtrip: RoundtripOptions;
}

const USAGE =
  'usage: npm run bench -- [roundtrip [--concurrency C] [--batch N] [--partitions P] [--skus K] [--seconds S] | ' +
  '(order|read) [--count N] [--concurrency C]]';

function parseArgs(argv: string[]): Options {
  const options: Options = { scenario: 'roundtrip', count: 2000, concurrency: 1, roundtrip: { ...ROUNDTRIP_DEFAULTS } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === 'roundtrip' || arg === 'order' || arg === 'read') options.scenario = arg;
    else if (arg === '--count') options.count = positive(arg, argv[++i]);
    else if (arg === '--concurrency') options.roundtrip.concurrency = [(options.concurrency = positive(arg, argv[++i]))];
    else if (arg === '--batch') options.roundtrip.batch = [positive(arg, argv[++i])];
    else if (arg === '--partitions') options.roundtrip.partitions = [positive(arg, argv[++i])];
    else if (arg === '--skus') options.roundtrip.skus = positive(arg, argv[++i]);
    else if (arg === '--seconds') options.roundtrip.seconds = positive(arg, argv[++i]);
    else throw new Error(`unknown argument ${arg}; ${USAGE}`);
  }
  return options;
}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a whole number >= 1`);
  return n;
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
  const { p50, p95, p99, max } = latencySummary(latencies);
  console.log(
    `${title}: n=${latencies.length} p50=${p50.toFixed(2)}ms p95=${p95.toFixed(2)}ms p99=${p99.toFixed(2)}ms max=${max.toFixed(2)}ms ` +
      `throughput=${(latencies.length / seconds).toFixed(0)}/s`,
  );
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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // The seed holds 200 iPhone15; more orders than that would measure OUT_OF_STOCK sagas instead.
  if (options.scenario === 'order') options.count = Math.min(options.count, 150);
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('bench', infra);
  await resetProfile(settings);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
  const stack = await RunningStack.start(settings, (instance) => {
    if (instance.name === 'inventory' && restarting.inventory) return;
    console.error(`bench failed: ${instance.name} crashed; see ${settings.logDir}/${instance.name}.log`);
    process.exit(1);
  });
  const connection = await Connection.connect({ address: infra.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'default' });
  try {
    if (options.scenario === 'roundtrip') await roundtrip(settings, stack, options.roundtrip);
    else await (options.scenario === 'order' ? orders : reads)(settings, options, client);
  } finally {
    await connection.close();
    await stack.stop();
    for (const cleanup of cleanups) await cleanup();
    if (startedInfra) stopInfra();
  }
}

main().catch((err: Error) => {
  console.error(`bench failed: ${err.message}`);
  process.exit(1);
});
