import { runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { announcingAvailability, refreshAvailability } from './availability';
import { commitStockHandler } from './commit-stock';
import { inventoryConfig } from './config';
import { releaseStockHandler } from './release-stock';
import { reserveStockHandler } from './reserve-stock';
import { seedStock } from './seed';
import { stockRoute } from './stock-levels';

runParticipantService({
  service: 'inventory',
  migrations,
  config: inventoryConfig,
  seed: seedStock,
  handlers(sequelize, config) {
    initModels(sequelize);
    // Reserving and releasing change what is on sale; committing a parcel only moves held units to shipped.
    return [
      announcingAvailability(reserveStockHandler, (reply) => reply.allocations.map((allocation) => allocation.sku), config.KAFKA_TOPIC_PREFIX),
      announcingAvailability(releaseStockHandler, (reply) => reply.released.map((allocation) => allocation.sku), config.KAFKA_TOPIC_PREFIX),
      commitStockHandler,
    ];
  },
  background: (services) => refreshAvailability(services, services.config.KAFKA_TOPIC_PREFIX, services.config.AVAILABILITY_REFRESH_INTERVAL),
  routes: (sequelize) => ({ '/stock': stockRoute(sequelize) }),
});
