import { randomUUID } from 'node:crypto';
import { ChargePayment, ChargePaymentReply, RefundPayment, RefundPaymentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib';
import { Payment, Refund } from './models';
import type { PaymentProvider } from './provider';

/**
 * Gives money back: the saga's compensation of ChargePayment (all that is left) or one parcel's value. The
 * order's charges are locked while refunds are summed, so two refunds can never together exceed the charge.
 * A charge arriving after its compensation is answered ABORTED and charges nothing: the barrier sees to that.
 */
export function refundPaymentHandler(provider: PaymentProvider) {
  return commandHandler({
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
    async handle(command, { tx, envelope, logger }): Promise<RefundPaymentReply> {
      const payments = await Payment.findAll({
        where: { orderId: command.orderId, status: 'CHARGED' },
        order: [['id', 'ASC']],
        lock: tx.LOCK.UPDATE,
        transaction: tx,
      });
      const refunds = await Refund.findAll({ where: { orderId: command.orderId }, transaction: tx });
      const charged = payments.reduce((sum, payment) => sum + payment.amountCents, 0);
      const refunded = refunds.reduce((sum, refund) => sum + refund.amountCents, 0);
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
      await Refund.create(
        {
          id: randomUUID(),
          orderId: command.orderId,
          idempotencyKey: envelope.idempotencyKey,
          paymentId: payment.id,
          amountCents,
          providerReference: reference,
          reason: command.reason,
        },
        { transaction: tx },
      );
      logger.info({ amountCents, charged, refundedBefore: refunded }, 'refunded');
      return { refundedCents: amountCents };
    },
  });
}
