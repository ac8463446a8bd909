/**
 * `npm run bench [-- roundtrip|order|engine|read] [--count N] [--concurrency C]`
 * `npm run bench -- flash-sale --stock S --buyers B --concurrency C [--decline-share P] [--skus K]`
 *   (bench/flash-sale.ts)
 *
 * roundtrip: ReserveStock commands straight onto Kafka against the real inventory service, for one hot SKU,
 *   batch 1 against batched over a sweep of concurrencies and partition counts (see bench/roundtrip.ts for its
 *   flags).
 * order: whole sagas over HTTP (POST -> workflow completed): three command round trips plus Temporal's overhead;
 *   then the engine's ceiling (below) at the same count and concurrency, and the ratio of the two.
 * engine: the same order workflows with no-op activities on their own task queue (bench/engine.ts): Temporal alone.
 * read: GET /api/v1/orders/{id} over HTTP of completed orders and of orders held in review, with the orchestrator
 *   running and then stopped (bench/reads.ts).
 *
 * Runs its own `bench` profile stack (own topics, databases, task queue), so figures do not depend on dev data.
 */
import { Client, Connection } from '@temporalio/client';
import { positive } from '../bench/args';
import { engineCeiling } from '../bench/engine';
import { flashSale } from '../bench/flash-sale';
import { parseFlashSaleArgs } from '../bench/flash-sale-options';
import { measure, quantile, report, throughput, type Measured } from '../bench/measure';
import { placeAndWait } from '../bench/place';
import { reads } from '../bench/reads';
import { ROUNDTRIP_DEFAULTS, cleanups, restarting, roundtrip, type RoundtripOptions } from '../bench/roundtrip';
import { ensureInfra, infraSettings, stopInfra } from '../infra';
import { ensureTopics } from '../stack/kafka-topics';
import { resetProfile } from '../stack/reset';
import { stackSettings, type StackSettings } from '../stack/settings';
import { RunningStack } from '../stack/supervisor';

interface Options {
  scenario: 'roundtrip' | 'order' | 'engine' | 'read';
  count: number;
  concurrency: number;
  roundtrip: RoundtripOptions;
}

const USAGE =
  'usage: npm run bench -- [roundtrip [--concurrency C] [--batch N] [--partitions P] [--skus K] [--seconds S] | ' +
  '(order|engine|read) [--count N] [--concurrency C] | flash-sale …]';

function parseArgs(argv: string[]): Options {
  const options: Options = { scenario: 'roundtrip', count: 2000, concurrency: 1, roundtrip: { ...ROUNDTRIP_DEFAULTS } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === 'roundtrip' || arg === 'order' || arg === 'engine' || arg === 'read') options.scenario = arg;
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
  const argv = process.argv.slice(2);
  const sale = argv[0] === 'flash-sale' ? parseFlashSaleArgs(argv.slice(1)) : undefined;
  const options = sale ? undefined : parseArgs(argv);
  // The seed holds 200 iPhone15; more orders than that would measure OUT_OF_STOCK sagas instead.
  if (options?.scenario === 'order') options.count = Math.min(options.count, 150);
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('bench', infra);
  // The engine's ceiling needs only the Temporal server; everything else measures the bench stack.
  const stack = options?.scenario === 'engine' ? null : await startStack(settings);
  const connection = await Connection.connect({ address: infra.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: 'default' });
  try {
    if (sale) await flashSale(settings, client, sale);
    else if (options!.scenario === 'roundtrip') await roundtrip(settings, stack!, options!.roundtrip);
    else if (options!.scenario === 'engine') await engine(settings, options!, client);
    else if (options!.scenario === 'order') await orders(settings, options!, client);
    else await reads(settings, options!.count, options!.concurrency, client, stack!);
  } finally {
    await connection.close();
    await stack?.stop();
    for (const cleanup of cleanups) await cleanup();
    if (startedInfra) stopInfra();
  }
}

async function startStack(settings: StackSettings): Promise<RunningStack> {
  await resetProfile(settings);
  await ensureTopics(settings.infra.KAFKA_BROKERS, settings.topicPrefix);
  return RunningStack.start(settings, (instance) => {
    if (instance.name === 'inventory' && restarting.inventory) return;
    console.error(`bench failed: ${instance.name} crashed; see ${settings.logDir}/${instance.name}.log`);
    process.exit(1);
  });
}

// Exits when done: a failed check sets process.exitCode, and a client library may keep a handle open.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    console.error(`bench failed: ${err.message}`);
    process.exit(1);
  },
);
