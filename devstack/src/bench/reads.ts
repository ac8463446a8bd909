import type { Client } from '@temporalio/client';
import type { StackSettings } from '../stack/settings';
import type { RunningStack } from '../stack/supervisor';
import { measure, report } from './measure';
import { placeAndWait, placeForReview } from './place';

/**
 * GET /api/v1/orders/{id} of completed orders (the page a customer reloads after ordering) and of orders held in
 * review (in progress), first with the orchestrator running, then with it frozen (SIGSTOP): a read that needs a
 * worker shows there as failing. Reads the gateway does not answer with 200 are counted; a kind of read whose
 * first try fails is not timed further (each would wait for the gateway's deadline).
 */
export async function reads(settings: StackSettings, count: number, concurrency: number, client: Client, stack: RunningStack): Promise<void> {
  const kinds: [string, string[]][] = [
    ['a completed order', await many(20, () => placeAndWait(settings, client))],
    // The seed holds 20 MacPros; each of these holds one until its review times out.
    ['an order held in review', await many(15, () => placeForReview(settings))],
  ];
  const timeAll = async (when: string) => {
    for (const [kind, orderIds] of kinds) await timeReads(settings, `GET ${kind}, ${when}`, orderIds, count, concurrency);
  };
  await timeAll('orchestrator running');
  const orchestrator = stack.pid({ name: 'orchestrator', copy: 0 })!;
  process.kill(orchestrator, 'SIGSTOP');
  try {
    await timeAll('orchestrator stopped');
  } finally {
    process.kill(orchestrator, 'SIGCONT');
  }
}

async function many(n: number, make: () => Promise<string>): Promise<string[]> {
  const made: string[] = [];
  for (let i = 0; i < n; i++) made.push(await make());
  return made;
}

async function timeReads(settings: StackSettings, title: string, orderIds: string[], count: number, concurrency: number): Promise<void> {
  /** Answers other than 200 by status: a read the gateway could not answer (e.g. 503, no worker in time). */
  const failed = new Map<number, number>();
  const read = async (i: number) => {
    const response = await fetch(`${settings.gatewayUrl}/api/v1/orders/${orderIds[i % orderIds.length]}`);
    await response.arrayBuffer();
    if (response.status !== 200) failed.set(response.status, (failed.get(response.status) ?? 0) + 1);
  };
  const began = performance.now();
  await read(0);
  if (failed.size > 0) {
    console.log(`${title}: not answered (${[...failed.keys()].join(', ')} after ${Math.round(performance.now() - began)} ms)`);
    return;
  }
  await measure(Math.min(100, count), concurrency, read);
  failed.clear();
  const measured = await measure(count, concurrency, read);
  const failures = [...failed].map(([status, n]) => `${n}×${status}`).join(', ');
  report(`${title} (concurrency ${concurrency})${failures ? `, not answered: ${failures}` : ''}`, measured);
}
