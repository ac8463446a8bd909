import { randomUUID } from 'node:crypto';
import { ChargePayment, ChargePaymentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { PaymentLedger } from './payment-ledger';
import type { PaymentProvider } from './provider';

/** Charges an order once: the barrier turns every redelivery of the same branch into the stored reply. */
export function chargePaymentHandler(provider: PaymentProvider) {
  return commandHandler<ChargePayment, ChargePaymentReply, PaymentLedger>({
    command: ChargePayment,
    reply: ChargePaymentReply,
    async handle(command, { work, envelope, logger }) {
      const result = await provider.charge({ ...command, idempotencyKey: envelope.idempotencyKey });
      const payment = {
        id: randomUUID(),
        orderId: command.orderId,
        idempotencyKey: envelope.idempotencyKey,
        customerId: command.customerId,
        amountCents: command.amountCents,
        currency: command.currency,
        status: result.approved ? ('CHARGED' as const) : ('DECLINED' as const),
        providerReference: result.approved ? result.reference : null,
        reason: result.approved ? null : result.reason,
      };
      work.recordPayment(payment);
      logger.info({ paymentId: payment.id, status: payment.status, amountCents: command.amountCents }, 'payment recorded');
      return result.approved
        ? { outcome: 'CHARGED', paymentId: payment.id, amountCents: command.amountCents, reason: null }
        : { outcome: 'DECLINED', paymentId: payment.id, amountCents: 0, reason: result.reason };
    },
  });
}
