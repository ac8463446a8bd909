import { QueryTypes, type Sequelize } from 'sequelize';
import type { OrderView } from '@omniflow/contracts/orders';
import { ORDERS_READ_MODEL_TABLE } from './table';

/**
 * Upserts an order's row. The version is the timeline's length, which only grows: a retried or late write of an
 * older state never overwrites a newer one (the version is assigned last, so every IF compares against the
 * stored version). Answers whether this write is the first of its state: it moved the row, or it was overtaken
 * by a later state that landed first (writes run concurrently). A write that changes no row (affected rows 0;
 * Sequelize turns MySQL's FOUND_ROWS off, so "matched but unchanged" is 0, not 1) and was not overtaken is a
 * retry: false.
 */
export async function writeOrderView(sequelize: Sequelize, order: OrderView): Promise<boolean> {
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
  return affectedRows > 0 || (await overtaken(sequelize, order));
}

/** Whether the row already holds a later status than `order`'s: this write came late, not again. */
async function overtaken(sequelize: Sequelize, order: OrderView): Promise<boolean> {
  const [row] = await sequelize.query<{ version: number }>(`SELECT version FROM ${ORDERS_READ_MODEL_TABLE} WHERE order_id = ?`, {
    replacements: [order.orderId],
    type: QueryTypes.SELECT,
  });
  return row !== undefined && row.version > order.timeline.length;
}
