import { runParticipantService } from '@omniflow/lib';
import { chargePaymentHandler } from './charge-payment';
import { migrations } from './migrations';
import { initModels } from './models';
import { simulatedProvider } from './provider';

runParticipantService({
  service: 'payment',
  migrations,
  handlers(sequelize) {
    initModels(sequelize);
    return [chargePaymentHandler(simulatedProvider)];
  },
});
