import type { OrderView } from '@omniflow/contracts/orders';
import type { OrderDirectory } from './directory';
import type { OrderWorkflows } from './workflow-client';

/** Where one order is read from. */
export type OrderSource = Pick<OrderWorkflows, 'get'>;

/** Long enough for a projection queued behind a busy worker; a change answered later than this is still answered. */
const PROJECTION_WAIT_MS = 2_000;
/** The first re-read after a change; each later one waits twice as long, so a request that waits the whole time reads ten times. */
const FIRST_RECHECK_MS = 5;

/**
 * One order as it stands, read without a worker: the read model's row, which the orchestrator writes at every
 * status change, milliseconds after the workflow makes it, versioned so a late write never replaces a newer
 * state. Its `view` is the OrderView the workflow's query would answer (the same object, serialised when the
 * status changed). A query is answered by a worker replaying the workflow's whole history, and not at all while
 * the orchestrator is down.
 *
 * An order with no row yet is read from Temporal without a worker (workflow-client.ts): a running one as it was
 * placed (PENDING, the version-1 state its first row will hold, so a later read from the row never goes back in
 * time), a completed one from its result.
 */
export function currentOrders(directory: OrderDirectory, workflows: OrderWorkflows): OrderSource {
  return {
    async get(orderId) {
      return (await directory.get(orderId)) ?? workflows.get(orderId);
    },
  };
}

/**
 * Waits until the read model holds `order`'s state or a later one, so a client that reads right after its change
 * sees it. An Update answers in the workflow task that schedules the state's projection, so the row is usually a
 * few milliseconds behind; the version is the timeline's length, as the orchestrator writes it. Re-reads with
 * doubling pauses, not a tight loop: under load many requests wait at once, and each read competes with the
 * orchestrator's writes. Gives up quietly after PROJECTION_WAIT_MS: the change itself has taken effect either way.
 */
export async function untilProjected(directory: OrderDirectory, order: OrderView): Promise<void> {
  const deadline = Date.now() + PROJECTION_WAIT_MS;
  for (let pause = FIRST_RECHECK_MS; ; pause *= 2) {
    const row = await directory.get(order.orderId);
    if ((row && row.timeline.length >= order.timeline.length) || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
  }
}
