import { Op } from 'sequelize';
import { ReserveStock, ReserveStockReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib';
import { allocate } from './allocate';
import { Reservation, Stock } from './models';

/**
 * Reserves all of an order's lines or none. The stock rows of the order's SKUs are locked (SELECT ... FOR
 * UPDATE) in primary-key order, so concurrent orders for a hot SKU queue up on the row lock instead of
 * overselling, and two orders sharing SKUs cannot deadlock on lock order.
 */
export const reserveStockHandler = commandHandler({
  command: ReserveStock,
  reply: ReserveStockReply,
  async handle(command, { tx, envelope, logger }): Promise<ReserveStockReply> {
    const skus = [...new Set(command.lines.map((line) => line.sku))];
    const rows = await Stock.findAll({
      where: { sku: { [Op.in]: skus } },
      order: [
        ['sku', 'ASC'],
        ['warehouseId', 'ASC'],
      ],
      lock: tx.LOCK.UPDATE,
      transaction: tx,
    });
    const result = allocate(command.lines, rows);
    if (!result.ok) {
      logger.info({ reason: result.reason }, 'out of stock');
      return { outcome: 'OUT_OF_STOCK', allocations: [], reason: result.reason };
    }
    for (const allocation of result.allocations) {
      await Stock.increment(
        { available: -allocation.quantity, reserved: allocation.quantity },
        { where: { sku: allocation.sku, warehouseId: allocation.warehouseId }, transaction: tx },
      );
    }
    await Reservation.bulkCreate(
      result.allocations.map((allocation) => ({
        orderId: command.orderId,
        idempotencyKey: envelope.idempotencyKey,
        ...allocation,
        status: 'HELD' as const,
      })),
      { transaction: tx },
    );
    return { outcome: 'RESERVED', allocations: result.allocations, reason: null };
  },
});
