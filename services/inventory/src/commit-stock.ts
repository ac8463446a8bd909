import { CommitStock, CommitStockReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { StockLedger } from './stock-ledger';

/** A parcel has been booked with the carrier: its held units count as shipped. */
export const commitStockHandler = commandHandler<CommitStock, CommitStockReply, StockLedger>({
  command: CommitStock,
  reply: CommitStockReply,
  async handle(command, { work, logger }) {
    const committed = work.settle(command.orderId, command.warehouseId, 'COMMITTED');
    logger.info({ committed }, 'stock committed');
    return { committed };
  },
});
