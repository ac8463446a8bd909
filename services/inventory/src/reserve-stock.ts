import { ReserveStock, ReserveStockReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { StockLedger } from './stock-ledger';

/**
 * Reserves all of an order's lines or none. The batch's ledger holds the SKUs' stock rows locked (SELECT ... FOR
 * UPDATE), so concurrent batches for a hot SKU queue up on the row lock instead of overselling, and each order
 * sees the units the orders before it left.
 */
export const reserveStockHandler = commandHandler<ReserveStock, ReserveStockReply, StockLedger>({
  command: ReserveStock,
  reply: ReserveStockReply,
  async handle(command, { work, envelope, logger }) {
    const result = work.reserve(command.orderId, envelope.idempotencyKey, command.lines);
    if (!result.ok) {
      logger.info({ reason: result.reason }, 'out of stock');
      return { outcome: 'OUT_OF_STOCK', allocations: [], reason: result.reason };
    }
    return { outcome: 'RESERVED', allocations: result.allocations, reason: null };
  },
});
