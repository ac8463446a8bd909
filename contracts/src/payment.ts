import { optionalString } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.payment';

export interface ChargePayment {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
}

/** ABORTED: the charge arrived after its compensation (a refund) and was refused: nothing was charged. */
export type ChargePaymentOutcome = 'CHARGED' | 'DECLINED' | 'ABORTED';

export interface ChargePaymentReply {
  outcome: ChargePaymentOutcome;
  paymentId: string | null;
  amountCents: number;
  reason: string | null;
}

/**
 * Give money back: `amountCents` of it (one parcel that could not ship) or, when null, all that is left of the
 * order's charges (the saga's compensation). Never more than was charged; nothing charged is not an error.
 */
export interface RefundPayment {
  orderId: string;
  amountCents: number | null;
  reason: string | null;
}

export interface RefundPaymentReply {
  refundedCents: number;
}

export const ChargePayment = defineMessage<ChargePayment>('payment.ChargePayment', {
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

export const ChargePaymentReply = defineMessage<ChargePaymentReply>('payment.ChargePaymentReply', {
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

export const RefundPayment = defineMessage<RefundPayment>('payment.RefundPayment', {
  type: 'record',
  name: 'RefundPayment',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'amountCents', type: ['null', 'long'], default: null },
    { name: 'reason', ...optionalString() },
  ],
});

export const RefundPaymentReply = defineMessage<RefundPaymentReply>('payment.RefundPaymentReply', {
  type: 'record',
  name: 'RefundPaymentReply',
  namespace,
  fields: [{ name: 'refundedCents', type: 'long' }],
});
