import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export type ChargeResult = { approved: true; reference: string } | { approved: false; reason: string };

/**
 * A card processor. The idempotency key goes to the processor too (as with Stripe's Idempotency-Key), so a
 * call whose local transaction rolled back after the processor answered is not charged again on redelivery.
 */
export interface PaymentProvider {
  charge(request: { idempotencyKey: string; customerId: string; amountCents: number; currency: string }): Promise<ChargeResult>;
  refund(request: { idempotencyKey: string; paymentReference: string; amountCents: number }): Promise<{ reference: string }>;
}

/**
 * What the simulated processor does for a customer, chosen by test-only customer ids so each test picks its
 * own failure without touching configuration: `sim-decline-…` is declined, `sim-slow-…` answers after the
 * configured delay, `sim-lost-reply-…` is charged but the service's reply is lost once (see lost-replies.ts).
 */
export interface Simulation {
  decline: boolean;
  slow: boolean;
  loseReply: boolean;
}

export function simulationFor(customerId: string): Simulation {
  return {
    decline: customerId.startsWith('sim-decline-'),
    slow: customerId.startsWith('sim-slow-'),
    loseReply: customerId.startsWith('sim-lost-reply-'),
  };
}

export function simulatedProvider(slowDelayMs: number): PaymentProvider {
  return {
    async charge({ customerId }) {
      const simulation = simulationFor(customerId);
      if (simulation.slow) await sleep(slowDelayMs);
      if (simulation.decline) return { approved: false, reason: 'card declined (simulated)' };
      return { approved: true, reference: `sim_ch_${randomUUID()}` };
    },
    async refund() {
      return { reference: `sim_re_${randomUUID()}` };
    },
  };
}
