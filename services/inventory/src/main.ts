import { runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { reserveStockHandler } from './reserve-stock';
import { seedStock } from './seed';

runParticipantService({
  service: 'inventory',
  migrations,
  seed: seedStock,
  handlers(sequelize) {
    initModels(sequelize);
    return [reserveStockHandler];
  },
});
