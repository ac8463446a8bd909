import { randomUUID } from 'node:crypto';
import { ChargePayment, ChargePaymentReply, RefundPayment, RefundPaymentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { PaymentLedger } from './payment-ledger';
import type { PaymentProvider } from './provider';

/**
 * Gives money back: the saga's compensation of ChargePayment (all that is left) or one parcel's value. The
 * batch's ledger holds the order's charges locked and its refunds summed, so two refunds can never together
 * exceed the charge.
 * A charge arriving after its compensation is answered ABORTED and charges nothing: the barrier sees to that.
 */
export function refundPaymentHandler(provider: PaymentProvider) {
  return commandHandler<RefundPayment, RefundPaymentReply, PaymentLedger>({
    command: RefundPayment,
    reply: RefundPaymentReply,
    compensates: {
      action: ChargePayment,
      lateReply: {
        type: ChargePaymentReply,
        body: {
          outcome: 'ABORTED',
          paymentId: null,
          amountCents: 0,
          reason: 'the order was compensated before this charge arrived',
        } satisfies ChargePaymentReply,
      },
    },
    async handle(command, { work, envelope, logger }) {
      const { payments, refundedCents: refunded } = work.chargesOf(command.orderId);
      const charged = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
      const amountCents = Math.min(command.amountCents ?? Infinity, charged - refunded);
      const payment = payments[0];
      if (amountCents <= 0 || !payment) {
        logger.info({ charged, refunded }, 'nothing to refund');
        return { refundedCents: 0 };
      }
      const { reference } = await provider.refund({
        idempotencyKey: envelope.idempotencyKey,
        paymentReference: payment.providerReference!,
        amountCents,
      });
      work.recordRefund({
        id: randomUUID(),
        orderId: command.orderId,
        idempotencyKey: envelope.idempotencyKey,
        paymentId: payment.id,
        amountCents,
        providerReference: reference,
        reason: command.reason,
      });
      logger.info({ amountCents, charged, refundedBefore: refunded }, 'refunded');
      return { refundedCents: amountCents };
    },
  });
}
