import { optionalString } from './common';
import { defineMessage, type BodyOf } from './codec';

const namespace = 'omniflow.payment';

export const ChargePayment = defineMessage('payment.ChargePayment', {
  type: 'record',
  name: 'ChargePayment',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'customerId', type: 'string' },
    { name: 'amountCents', type: 'long' },
    { name: 'currency', type: 'string' },
  ],
});
export type ChargePayment = BodyOf<typeof ChargePayment>;

export const ChargePaymentReply = defineMessage('payment.ChargePaymentReply', {
  type: 'record',
  name: 'ChargePaymentReply',
  namespace,
  fields: [
    { name: 'outcome', type: { type: 'enum', name: 'ChargePaymentOutcome', symbols: ['CHARGED', 'DECLINED', 'ABORTED'] } },
    { name: 'paymentId', ...optionalString() },
    { name: 'amountCents', type: 'long' },
    { name: 'reason', ...optionalString() },
  ],
});
export type ChargePaymentReply = BodyOf<typeof ChargePaymentReply>;

/** ABORTED: the charge arrived after its compensation (a refund) and was refused: nothing was charged. */
export type ChargePaymentOutcome = ChargePaymentReply['outcome'];

/**
 * Give money back: `amountCents` of it (one parcel that could not ship) or, when null, all that is left of the
 * order's charges (the saga's compensation). Never more than was charged; nothing charged is not an error.
 */
export const RefundPayment = defineMessage('payment.RefundPayment', {
  type: 'record',
  name: 'RefundPayment',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amountCents', type: ['null', 'long'], default: null },
    { name: 'reason', ...optionalString() },
  ],
});
export type RefundPayment = BodyOf<typeof RefundPayment>;

export const RefundPaymentReply = defineMessage('payment.RefundPaymentReply', {
  type: 'record',
  name: 'RefundPaymentReply',
  namespace,
  fields: [{ name: 'refundedCents', type: 'long' }],
});
export type RefundPaymentReply = BodyOf<typeof RefundPaymentReply>;
