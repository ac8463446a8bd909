import { z } from 'zod/v4';

/** The payment service's own settings, on top of every participant's (lib's participantConfig). */
export const paymentConfig = {
  /** How long the simulated processor takes for a `sim-slow-…` customer. */
  SIMULATED_PROVIDER_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
};
