import { runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { commitStockHandler } from './commit-stock';
import { releaseStockHandler } from './release-stock';
import { reserveStockHandler } from './reserve-stock';
import { seedStock } from './seed';
import { stockRoute } from './stock-levels';

runParticipantService({
  service: 'inventory',
  migrations,
  config: {},
  seed: seedStock,
  handlers(sequelize) {
    initModels(sequelize);
    return [reserveStockHandler, releaseStockHandler, commitStockHandler];
  },
  routes: (sequelize) => ({ '/stock': stockRoute(sequelize) }),
});
