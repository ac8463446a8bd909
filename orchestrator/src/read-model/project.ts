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

export interface ReadModelActivities {
  projectOrder(order: OrderView): Promise<void>;
}

export function createReadModelActivities(
  sequelize: Sequelize,
  producer: Producer,
  topicPrefix: string,
  logger: Logger,
  metrics: OrchestratorMetrics,
): ReadModelActivities {
  return {
    /**
     * Upserts the order's row, then announces the change on the order-events topic (after the write, so a
     * watcher that reacts by reading the order finds at least this state). The version is the timeline's
     * length, which only grows: a retried or late projection of an older state never overwrites a newer one
     * (the version is assigned last, so every IF compares against the stored version), and the event carries
     * it so watchers can do the same. A write that moved the row is a status change reaching the read model,
     * counted and logged once. A write that changes no row (affected rows 0; Sequelize turns MySQL's FOUND_ROWS
     * off, so "matched but unchanged" is 0, not 1) is a retry, not counted again, or a status overtaken by a
     * later one whose write landed first, counted now (projections run concurrently). The event goes out either
     * way: a retry after a crash between the write and the send must still announce it.
     */
    async projectOrder(order) {
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
          replacements: [order.orderId, order.customerId, order.status, order.totalCents, order.timeline.length, JSON.stringify(order), created, updated],
          type: QueryTypes.INSERT,
        },
      );
      if (affectedRows > 0 || (await overtaken(sequelize, order))) {
        metrics.orderTransitions.inc({ status: order.status });
        logger.info({ orderId: order.orderId, workflowId: workflowIdFor(order.orderId), status: order.status, reason: order.reason }, 'order status changed');
      }
      await publish(producer, orderEventsTopic(topicPrefix), encodeEvent(OrderChanged, changeOf(order), { orderId: order.orderId, workflowId: workflowIdFor(order.orderId) }));
    },
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

function changeOf(order: OrderView): OrderChanged {
  const { orderId, customerId, status, reason, totalCents, currency, timeline } = order;
  return { orderId, customerId, status, reason, totalCents, currency, version: timeline.length, createdAt: timeline[0]!.at, at: timeline.at(-1)!.at };
}
