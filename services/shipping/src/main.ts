import { z } from 'zod';
import { loadConfig, runParticipantService } from '@omniflow/lib';
import { migrations } from './migrations';
import { initModels } from './models';
import { scheduleShipmentHandler } from './schedule-shipment';

runParticipantService({
  service: 'shipping',
  migrations,
  handlers(sequelize) {
    const config = loadConfig({
      /** Warehouses no carrier serves (comma-separated): their parcels fail, for good. Empty by default. */
      UNSERVICEABLE_WAREHOUSES: z
        .string()
        .default('')
        .transform((list) => new Set(list.split(',').map((id) => id.trim()).filter(Boolean))),
    });
    initModels(sequelize);
    return [scheduleShipmentHandler(config.UNSERVICEABLE_WAREHOUSES)];
  },
});
