import { CommitStock, CommitStockReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib';
import { settleReservations } from './settle';

/** A parcel has been booked with the carrier: its held units count as shipped. */
export const commitStockHandler = commandHandler({
  command: CommitStock,
  reply: CommitStockReply,
  async handle(command, { tx, logger }): Promise<CommitStockReply> {
    const committed = await settleReservations(tx, command.orderId, command.warehouseId, 'COMMITTED');
    logger.info({ committed }, 'stock committed');
    return { committed };
  },
});
