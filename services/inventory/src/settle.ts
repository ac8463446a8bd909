import { Op, type Transaction } from 'sequelize';
import type { Allocation } from '@omniflow/contracts';
import { Reservation, Stock } from './models';

/** Where a settled reservation's units go: back on sale, or out of the door. */
const MOVES = {
  RELEASED: { available: 1, reserved: -1, shipped: 0 },
  COMMITTED: { available: 0, reserved: -1, shipped: 1 },
} as const;

/**
 * Settles an order's HELD reservations (all of them, or one warehouse's). Stock rows are locked first, in
 * primary-key order, as ReserveStock locks them, so settling and reserving cannot deadlock on lock order.
 * Holding nothing (already settled, or never reserved) settles nothing: the caller's reply says so.
 */
export async function settleReservations(
  tx: Transaction,
  orderId: string,
  warehouseId: string | null,
  to: keyof typeof MOVES,
): Promise<Allocation[]> {
  const where = { orderId, status: 'HELD', ...(warehouseId === null ? {} : { warehouseId }) };
  const held = await Reservation.findAll({ where, transaction: tx });
  if (held.length === 0) return [];
  await Stock.findAll({
    where: { [Op.or]: held.map(({ sku, warehouseId: warehouse }) => ({ sku, warehouseId: warehouse })) },
    order: [
      ['sku', 'ASC'],
      ['warehouseId', 'ASC'],
    ],
    lock: tx.LOCK.UPDATE,
    transaction: tx,
  });
  // Read again under the locks: only rows still HELD now are ours to settle.
  const reservations = await Reservation.findAll({ where, lock: tx.LOCK.UPDATE, transaction: tx });
  const move = MOVES[to];
  for (const reservation of reservations) {
    const { sku, warehouseId: warehouse, quantity } = reservation;
    await Stock.increment(
      { available: move.available * quantity, reserved: move.reserved * quantity, shipped: move.shipped * quantity },
      { where: { sku, warehouseId: warehouse }, transaction: tx },
    );
    await reservation.update({ status: to }, { transaction: tx });
  }
  return reservations.map(({ sku, warehouseId: warehouse, quantity }) => ({ sku, warehouseId: warehouse, quantity }));
}
