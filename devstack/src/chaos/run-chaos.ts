/** A chaos run from start to verdict; `cli/chaos.ts` parses its options and exits with its verdict. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Sequelize } from 'sequelize';
import { deadLettersSoFar } from './dead-letters';
import { Gateways } from './gateways';
import { checkInvariants, openDatabases, readStock } from './invariants';
import { ChaosMonkey } from './monkey';
import { Random } from './random';
import { Workload } from './workload';
import { ensureInfra, infraSettings, stopInfra, REPO_ROOT } from '../infra';
import { ensureTopics } from '../stack/kafka-topics';
import { resetProfile } from '../stack/reset';
import { restartAfterCrash } from '../stack/restart-after-crash';
import { stackSettings, type Database } from '../stack/settings';
import { RunningStack } from '../stack/supervisor';
import type { ChaosOptions } from './chaos-options';

/**
 * Stock for the run: plenty of everything, except that iPad stays below the out-of-stock kind's 1000 units (and
 * above what the split kind can use), so those orders fail at reservation and no others do.
 */
async function stockUp(inventory: Sequelize, orders: number): Promise<void> {
  await inventory.query("UPDATE stock SET available = available + 100000 WHERE sku <> 'iPad'");
  await inventory.query("UPDATE stock SET available = ? WHERE sku = 'iPad'", { replacements: [Math.min(999, orders + 10)] });
}

/**
 * One chaos run: the `chaos` stack with `options.copies` of every process, orders of every kind placed while the
 * monkey kills, then the invariants checked over every database. True when every check passed.
 */
export async function runChaos(options: ChaosOptions, say: (line: string) => void): Promise<boolean> {
  say(`seed ${options.seed} (repeat with --seed ${options.seed}); ${options.orders} orders at ${options.rate}/s, ${options.copies} copies of each process`);

  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('chaos', infra);
  await resetProfile(settings);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
  const restarts = { count: 0 };
  const supervise = restartAfterCrash((line) => {
    if (line.endsWith('is back')) restarts.count++;
    say(line.split('\n')[0]!);
  });
  const stack = await RunningStack.start(settings, supervise, options.copies);
  // Ctrl-C mid-run stops the stack's processes too (and the infrastructure, if this run started it).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the chaos stack`);
      void stack.stop().then(() => {
        if (startedInfra) stopInfra();
        process.exit(130);
      });
    });
  }
  const databases = openDatabases(settings);
  const connection = await Connection.connect({ address: infra.TEMPORAL_ADDRESS });
  let failed = true;
  try {
    await stockUp(databases.inventory, options.orders);
    const initialStock = await readStock(databases.inventory);
    const deadLettersBefore = await deadLettersSoFar(infra.KAFKA_BROKERS, settings.topicPrefix);
    const random = new Random(options.seed);
    const gateways = new Gateways(Array.from({ length: options.copies }, (_, copy) => settings.gatewayUrlOf(copy)));
    const workload = new Workload(gateways, random, settings.authSecret);
    const monkey = new ChaosMonkey(stack, new Random(options.seed + 1), { copies: options.copies, gapMs: options.gapMs }, say);

    const began = Date.now();
    monkey.start();
    const driverErrors: string[] = [];
    const inFlight = new Set<Promise<void>>();
    for (let n = 0; n < options.orders; n++) {
      const due = began + (n * 1000) / options.rate;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      const task: Promise<void> = workload
        .run(workload.nextKind(), n)
        .catch((err: Error) => void driverErrors.push(err.message))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if ((n + 1) % 50 === 0) say(`${n + 1} orders placed or in flight, ${monkey.total} kills so far`);
    }
    // The monkey kills while orders are being placed (and at least --min-kills times); the audits and cancels
    // still in flight then finish on a stack left alone, like the workflows themselves.
    while (monkey.total < options.minKills) await new Promise((resolve) => setTimeout(resolve, 500));
    await monkey.stop();
    const loadSeconds = (Date.now() - began) / 1000;
    say(`all orders placed and the monkey stopped after ${loadSeconds.toFixed(0)}s and ${monkey.total} kills; waiting for every order to finish`);
    await Promise.all(inFlight);

    const stuck = await workload.awaitQuiescence(options.quiesceSeconds * 1000);
    // Time to quiescence: from the last kill until every order was terminal.
    const quiesceSeconds = (Date.now() - began) / 1000 - loadSeconds;
    const client = new Client({ connection, namespace: 'default' });
    const results = await checkInvariants(workload.orders, stuck, initialStock, databases, client);
    const deadLetters = (await deadLettersSoFar(infra.KAFKA_BROKERS, settings.topicPrefix)) - deadLettersBefore;
    results.push({
      name: 'nothing was dead-lettered (failures during the outages were retried, not given up on)',
      figures: `${deadLetters} dead letters`,
      violations: deadLetters > 0 ? [`${deadLetters} messages in ${settings.topicPrefix}dead-letters: npm run topics -- tail ${settings.topicPrefix}dead-letters --profile chaos`] : [],
    });
    if (workload.refused.length > 0 || driverErrors.length > 0) {
      results.push({
        name: 'the driver could place and steer every order',
        figures: `${workload.refused.length} refused, ${driverErrors.length} driver errors`,
        violations: [...workload.refused.map((r) => `${r.kind} order refused with ${r.status}: ${JSON.stringify(r.body)}`), ...driverErrors],
      });
    }

    // Graceful shutdown is part of the contract: every copy drains and exits 0 on SIGTERM, none needs SIGKILL.
    const exits = await stack.stop();
    const unclean = [...exits].filter(([, exit]) => exit.code !== 0);
    results.push({
      name: 'every process stops cleanly on SIGTERM',
      figures: `${exits.size} processes stopped, ${exits.size - unclean.length} exited 0`,
      violations: unclean.map(([id, exit]) => `${id} ended with ${exit.code ?? exit.signal}`),
    });

    say('--- figures ---');
    say(`seed ${options.seed}; orders ${workload.orders.length} accepted of ${options.orders}; chaos ${loadSeconds.toFixed(0)}s; quiescence ${quiesceSeconds.toFixed(1)}s after it`);
    say(`kills ${monkey.total}: ${[...monkey.kills].map(([kind, n]) => `${kind} ${n}`).join(', ')}; process restarts ${restarts.count}`);
    say(`client retries: ${[...gateways.retries].map(([cause, n]) => `${cause} ${n}`).join(', ') || 'none'}`);
    for (const result of results) {
      say(`${result.violations.length === 0 ? 'PASS' : 'FAIL'} ${result.name}: ${result.figures}`);
      for (const violation of result.violations.slice(0, 20)) say(`  ✗ ${violation}`);
      if (result.violations.length > 20) say(`  … and ${result.violations.length - 20} more`);
    }
    failed = results.some((result) => result.violations.length > 0);
    const summaryFile = resolve(REPO_ROOT, '.omniflow/chaos', `seed-${options.seed}.json`);
    mkdirSync(resolve(summaryFile, '..'), { recursive: true });
    writeFileSync(
      summaryFile,
      JSON.stringify({ options, accepted: workload.orders.length, loadSeconds, quiesceSeconds, kills: Object.fromEntries(monkey.kills), restarts: restarts.count, results }, null, 2),
    );
    say(`${failed ? 'FAILED' : 'PASSED'}; summary in ${summaryFile}`);
  } finally {
    await connection.close();
    await Promise.all(Object.values(databases).map((db) => db.close()));
    await stack.stop();
    if (startedInfra) stopInfra();
  }
  return !failed;
}
