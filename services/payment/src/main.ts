import { z } from 'zod';
import { loadConfig, runParticipantService } from '@omniflow/lib';
import { chargePaymentHandler } from './charge-payment';
import { migrations } from './migrations';
import { initModels } from './models';
import { simulatedProvider } from './provider';
import { refundPaymentHandler } from './refund-payment';

runParticipantService({
  service: 'payment',
  migrations,
  handlers(sequelize) {
    const config = loadConfig({
      /** How long the simulated processor takes for a `sim-slow-…` customer. */
      SIMULATED_PROVIDER_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    });
    initModels(sequelize);
    const provider = simulatedProvider(config.SIMULATED_PROVIDER_DELAY_MS);
    return [chargePaymentHandler(provider), refundPaymentHandler(provider)];
  },
});
