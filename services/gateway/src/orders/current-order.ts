import type { OrderView } from '@omniflow/contracts/orders';
import type { OrderDirectory } from './directory';
import { orderUnreadableForNow, type OrderWorkflows } from './workflows';

/** Where one order is read from. */
export type OrderSource = Pick<OrderWorkflows, 'get'>;

/** How long a read waits for a running order's first row: as long as a query of it would have waited. */
const FIRST_ROW_WAIT_MS = 5_000;
/** Long enough for a projection queued behind a busy worker; a change answered later than this is still answered. */
const PROJECTION_WAIT_MS = 2_000;
const POLL_MS = 10;

/**
 * One order as it stands, read without a worker: the read model's row, which the orchestrator writes at every
 * status change, milliseconds after the workflow makes it, versioned so a late write never replaces a newer
 * state. Its `view` is the OrderView the workflow's query would answer (the same object, serialised when the
 * status changed). A query is answered by a worker replaying the workflow's whole history (it keeps no cache),
 * and not at all while the orchestrator is down.
 *
 * An order with no row is either unknown (404), finished before the read model existed (read from its
 * workflow's result, no worker), or running with its first row still to land: that one is waited for, not
 * queried, because the query could show a state the row has not reached yet, and the next read, from the row,
 * would then go back in time (seen: PENDING_REVIEW by query, then PENDING from the row).
 */
export function currentOrders(directory: OrderDirectory, workflows: OrderWorkflows): OrderSource {
  return {
    async get(orderId) {
      const projected = await directory.get(orderId);
      if (projected) return projected;
      if (!(await workflows.isRunning(orderId))) return workflows.get(orderId);
      const first = await rowOnceItHolds(directory, orderId, (row) => row !== undefined, FIRST_ROW_WAIT_MS);
      if (!first) throw orderUnreadableForNow();
      return first;
    },
  };
}

/**
 * Waits until the read model holds `order`'s state or a later one, so a client that reads right after its change
 * sees it. An Update answers in the workflow task that schedules the state's projection, so the row is usually a
 * few milliseconds behind; the version is the timeline's length, as the orchestrator writes it. Gives up quietly
 * after PROJECTION_WAIT_MS: the change itself has taken effect either way.
 */
export async function untilProjected(directory: OrderDirectory, order: OrderView): Promise<void> {
  await rowOnceItHolds(directory, order.orderId, (row) => row !== undefined && row.timeline.length >= order.timeline.length, PROJECTION_WAIT_MS);
}

/** Reads the order's row until `holds` says it is there, or `waitMs` have passed; answers the last row read. */
async function rowOnceItHolds(
  directory: OrderDirectory,
  orderId: string,
  holds: (row: OrderView | undefined) => boolean,
  waitMs: number,
): Promise<OrderView | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await directory.get(orderId);
    if (holds(row) || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
