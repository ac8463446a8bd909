import type { CommandHandler } from '@omniflow/lib/participant';
import { commitStockHandler } from './commit-stock';
import { releaseStockHandler } from './release-stock';
import { reserveStockHandler } from './reserve-stock';
import type { StockLedger } from './stock-ledger';

/** Every command inventory answers. */
export const inventoryHandlers: CommandHandler<any, any, StockLedger>[] = [reserveStockHandler, releaseStockHandler, commitStockHandler];
