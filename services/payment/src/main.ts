import { runParticipantService } from '@omniflow/lib/participant';
import { chargePaymentHandler } from './charge-payment';
import { paymentConfig } from './config';
import { losingSimulatedReplies } from './lost-replies';
import { migrations } from './migrations';
import { initModels } from './models';
import { PaymentLedger } from './payment-ledger';
import { simulatedProvider } from './provider';
import { refundPaymentHandler } from './refund-payment';

runParticipantService({
  service: 'payment',
  migrations,
  config: paymentConfig,
  handlers(sequelize, config) {
    initModels(sequelize);
    const provider = simulatedProvider(config.SIMULATED_PROVIDER_DELAY_MS);
    return [chargePaymentHandler(provider), refundPaymentHandler(provider)];
  },
  unitOfWork: (tx) => new PaymentLedger(tx),
  replySink: losingSimulatedReplies,
});
