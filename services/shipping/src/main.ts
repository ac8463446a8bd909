import { runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { scheduleShipmentHandler } from './schedule-shipment';

runParticipantService({
  service: 'shipping',
  migrations,
  handlers(sequelize) {
    initModels(sequelize);
    return [scheduleShipmentHandler];
  },
});
