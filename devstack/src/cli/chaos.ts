/**
 * `npm run chaos [-- --orders N] [--rate R] [--kill-gap MIN-MAX] [--min-kills K] [--seed S] [--copies C]`
 *
 * Runs the `chaos` stack with C copies of every process (2 by default: one consumer group, two members; two
 * Temporal workers), drives a steady stream of orders of every kind over HTTP while a seeded monkey SIGKILLs
 * processes and servers, waits for quiescence, then checks the invariants over every database. Prints the seed
 * first: the same seed places the same orders and draws the same victims (timing still differs run to run).
 * Exits 1 if any invariant fails. The defaults are CI's size (`npm test` runs it).
 */
import { parseChaosOptions } from '../chaos/chaos-options';
import { runChaos } from '../chaos/run-chaos';

async function main(): Promise<void> {
  const options = parseChaosOptions(process.argv.slice(2));
  const say = (line: string) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 23)}] ${line}\n`);
  const passed = await runChaos(options, say);
  process.exit(passed ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`chaos run failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
