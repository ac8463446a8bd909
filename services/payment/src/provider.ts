import { randomUUID } from 'node:crypto';

export type ProviderResult = { approved: true; reference: string } | { approved: false; reason: string };

/**
 * Stands in for a card processor. It approves every charge; the saga's failure paths (decline, time-out,
 * lost reply) are driven through it in the saga's own tests.
 */
export interface PaymentProvider {
  /**
   * The idempotency key goes to the processor too (as with Stripe's Idempotency-Key), so a charge whose local
   * transaction rolled back after the processor answered is not charged again when the command is redelivered.
   */
  charge(request: {
    idempotencyKey: string;
    orderId: string;
    customerId: string;
    amountCents: number;
    currency: string;
  }): Promise<ProviderResult>;
}

export const simulatedProvider: PaymentProvider = {
  async charge() {
    return { approved: true, reference: `sim_${randomUUID()}` };
  },
};
