import type { Producer } from 'kafkajs';
import { QueryTypes, type Sequelize } from 'sequelize';
import { OrderChanged, encodeEvent, orderEventsTopic } from '@omniflow/contracts';
import { ORDERS_READ_MODEL_TABLE, workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import { publish, type Logger, type Migration } from '@omniflow/lib';
import type { OrchestratorMetrics } from '../metrics';

/**
 * The orders read model: one row per order, for listing and filtering (the workflow query answers for one
 * order). It lives in the order side's database, beside the gateway's catalog; the gateway only reads it.
 */
export const readModelMigrations: Migration[] = [
  {
    id: '0101-orders-read-model',
    statements: [
      `CREATE TABLE IF NOT EXISTS ${ORDERS_READ_MODEL_TABLE} (
         order_id CHAR(36) NOT NULL PRIMARY KEY,
         customer_id VARCHAR(64) NOT NULL,
         status VARCHAR(32) NOT NULL,
         total_cents BIGINT NOT NULL,
         version INT NOT NULL,
         view LONGTEXT NOT NULL,
         created_at DATETIME(3) NOT NULL,
         updated_at DATETIME(3) NOT NULL,
         KEY orders_by_status (status, created_at),
         KEY orders_by_customer (customer_id, created_at)
       ) ENGINE=InnoDB`,
    ],
  },
];

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
   * Upserts the order's row, then announces its changes on the order-events topic (after the write, so a
   * watcher that reacts by reading the order finds at least this state). The version is the timeline's
   * length, which only grows: a retried or late projection of an older state never overwrites a newer one
   * (the version is assigned last, so every IF compares against the stored version), and each event carries
   * its entry's version so watchers can do the same. A write that moved the row brings its status changes to
   * the read model, counted and logged once each. A write that changes no row (affected rows 0; Sequelize turns
   * MySQL's FOUND_ROWS off, so "matched but unchanged" is 0, not 1) is a retry, not counted again, or a write
   * overtaken by a later one that landed first, counted now (writes run concurrently). The events go out either
   * way: a retry after a crash between the write and the send must still announce them.
   */
  return async ({ order, announceFrom }) => {
    const version = order.timeline.length;
    const created = new Date(order.timeline[0]!.at);
    const updated = new Date(order.timeline.at(-1)!.at);
    const [, affectedRows] = await sequelize.query(
      `INSERT INTO ${ORDERS_READ_MODEL_TABLE} (order_id, customer_id, status, total_cents, version, view, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE
         status = IF(VALUES(version) > version, VALUES(status), status),
         view = IF(VALUES(version) > version, VALUES(view), view),
         updated_at = IF(VALUES(version) > version, VALUES(updated_at), updated_at),
         version = GREATEST(version, VALUES(version))`,
      {
        replacements: [order.orderId, order.customerId, order.status, order.totalCents, version, JSON.stringify(order), created, updated],
        type: QueryTypes.INSERT,
      },
    );
    const changes = changesOf(order, announceFrom);
    if (affectedRows > 0 || (await overtaken(sequelize, order))) {
      for (const { status, reason } of changes) {
        metrics.orderTransitions.inc({ status });
        logger.info({ orderId: order.orderId, workflowId: workflowIdFor(order.orderId), status, reason }, 'order status changed');
      }
    }
    const headers = { orderId: order.orderId, workflowId: workflowIdFor(order.orderId) };
    await publish(producer, orderEventsTopic(topicPrefix), ...changes.map((change) => encodeEvent(OrderChanged, change, headers)));
  };
}

/** Whether the row already holds a later status than `order`'s: this write came late, not again. */
async function overtaken(sequelize: Sequelize, order: OrderView): Promise<boolean> {
  const [row] = await sequelize.query<{ version: number }>(`SELECT version FROM ${ORDERS_READ_MODEL_TABLE} WHERE order_id = ?`, {
    replacements: [order.orderId],
    type: QueryTypes.SELECT,
  });
  return row !== undefined && row.version > order.timeline.length;
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
