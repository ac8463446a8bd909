import { ReleaseStock, ReleaseStockReply, ReserveStock, ReserveStockReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { StockLedger } from './stock-ledger';

/**
 * Puts held units back on sale: as the saga's compensation of ReserveStock (every warehouse), or for one
 * parcel that could not ship. A reservation arriving after its compensation is answered ABORTED and holds
 * nothing: the barrier sees to that.
 */
export const releaseStockHandler = commandHandler<ReleaseStock, ReleaseStockReply, StockLedger>({
  command: ReleaseStock,
  reply: ReleaseStockReply,
  compensates: {
    action: ReserveStock,
    lateReply: {
      type: ReserveStockReply,
      body: { outcome: 'ABORTED', allocations: [], reason: 'the order was compensated before this reservation arrived' } satisfies ReserveStockReply,
    },
  },
  async handle(command, { work, logger }) {
    const released = work.settle(command.orderId, command.warehouseId, 'RELEASED');
    logger.info({ released }, 'stock released');
    return { released };
  },
});
