import type { Producer } from 'kafkajs';
import type { Sequelize } from 'sequelize';
import { OrderChanged, encodeEvent, orderEventsTopic } from '@omniflow/contracts';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { publish, type Logger } from '@omniflow/lib';
import { writeOrderView } from '@omniflow/lib/orders-read-model';
import type { OrchestratorMetrics } from '../metrics';

/**
 * An order as the saga holds it, to be written to the read model, and the first timeline entry (its version,
 * 1-based) not yet announced on order-events: one write may carry several status changes (the saga writes the
 * ones it made since its last write together), and every one of them is announced.
 */
export interface Projection {
  order: OrderView;
  announceFrom: number;
}

/** Writes a projection: the row first, then the announcements. Idempotent, so any attempt may be retried. */
export type WriteProjection = (projection: Projection) => Promise<void>;

export interface ReadModelActivities {
  /** `announceFrom` is absent in orders started before projections were carried: they announce the last entry. */
  projectOrder(order: OrderView, announceFrom?: number): Promise<void>;
}

export function createReadModelActivities(write: WriteProjection): ReadModelActivities {
  return {
    projectOrder: (order, announceFrom = order.timeline.length) => write({ order, announceFrom }),
  };
}

export function createProjectionWriter(
  sequelize: Sequelize,
  producer: Producer,
  topicPrefix: string,
  logger: Logger,
  metrics: OrchestratorMetrics,
): WriteProjection {
  /**
   * Writes the order's row (lib's orders-read-model: versioned, so a late write never overwrites a newer one),
   * then announces its changes on the order-events topic (after the write, so a watcher that reacts by reading the
   * order finds at least this state), each event carrying its entry's version so watchers can compare the same
   * way. A write that is its state's first brings its status changes to the read model, counted and logged once
   * each; a retry is not counted again. The events go out either way: a retry after a crash between the write
   * and the send must still announce them.
   */
  return async ({ order, announceFrom }) => {
    const first = await writeOrderView(sequelize, order);
    const changes = changesOf(order, announceFrom);
    if (first) {
      for (const { status, reason } of changes) {
        metrics.orderTransitions.inc({ status });
        logger.info({ orderId: order.orderId, workflowId: workflowIdFor(order.orderId), status, reason }, 'order status changed');
      }
    }
    const headers = { orderId: order.orderId, workflowId: workflowIdFor(order.orderId) };
    await publish(producer, orderEventsTopic(topicPrefix), ...changes.map((change) => encodeEvent(OrderChanged, change, headers)));
  };
}

/** One event per timeline entry from version `from` on (at least the last one), oldest first. */
function changesOf(order: OrderView, from: number): OrderChanged[] {
  const { orderId, customerId, totalCents, currency, timeline } = order;
  const first = Math.min(Math.max(from, 1), timeline.length);
  return timeline.slice(first - 1).map(({ status, reason, at }, i) => ({
    orderId,
    customerId,
    status,
    reason,
    totalCents,
    currency,
    version: first + i,
    createdAt: timeline[0]!.at,
    at,
  }));
}
