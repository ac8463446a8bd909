import { availabilityTopic } from '@omniflow/contracts';
import { runParticipantService } from '@omniflow/lib/participant';
import { migrations } from './migrations';
import { initModels } from './models';
import { refreshAvailability } from './availability';
import { inventoryConfig } from './config';
import { inventoryHandlers } from './handlers';
import { seedStock } from './seed';
import { StockLedger } from './stock-ledger';
import { inventoryApi } from './http-api';

runParticipantService({
  service: 'inventory',
  migrations,
  config: inventoryConfig,
  seed: seedStock,
  handlers(sequelize) {
    initModels(sequelize);
    return inventoryHandlers;
  },
  unitOfWork: (tx, config) => new StockLedger(tx, availabilityTopic(config.KAFKA_TOPIC_PREFIX)),
  background: (services) => refreshAvailability(services, services.config.KAFKA_TOPIC_PREFIX, services.config.AVAILABILITY_REFRESH_INTERVAL),
  api: ({ sequelize, logger }) => inventoryApi(sequelize, logger),
});
