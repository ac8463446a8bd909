import { runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { inventoryHandlers } from './handlers';
import { seedStock } from './seed';
import { StockLedger } from './stock-ledger';
import { stockRoute } from './stock-levels';

runParticipantService({
  service: 'inventory',
  migrations,
  config: {},
  seed: seedStock,
  handlers(sequelize) {
    initModels(sequelize);
    return inventoryHandlers;
  },
  unitOfWork: (tx) => new StockLedger(tx),
  routes: (sequelize) => ({ '/stock': stockRoute(sequelize) }),
});
