import { runParticipantService } from '@omniflow/lib/participant';
import { shippingConfig } from './config';
import { migrations } from './migrations';
import { initModels } from './models';
import { scheduleShipmentHandler } from './schedule-shipment';
import { ShipmentBook } from './shipment-book';

runParticipantService({
  service: 'shipping',
  migrations,
  config: shippingConfig,
  handlers(sequelize, config) {
    initModels(sequelize);
    return [scheduleShipmentHandler(config.UNSERVICEABLE_WAREHOUSES)];
  },
  unitOfWork: (tx) => new ShipmentBook(tx),
});
