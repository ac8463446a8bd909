import { optionalString } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.payment';

export interface ChargePayment {
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
}

export type ChargePaymentOutcome = 'CHARGED' | 'DECLINED';

export interface ChargePaymentReply {
  outcome: ChargePaymentOutcome;
  paymentId: string | null;
  amountCents: number;
  reason: string | null;
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
    { name: 'outcome', type: { type: 'enum', name: 'ChargePaymentOutcome', symbols: ['CHARGED', 'DECLINED'] } },
    { name: 'paymentId', ...optionalString() },
    { name: 'amountCents', type: 'long' },
    { name: 'reason', ...optionalString() },
  ],
});
