import { z } from 'zod/v4';

/** The shipping service's own settings, on top of every participant's (lib's participantConfig). */
export const shippingConfig = {
  /** Warehouses no carrier serves (comma-separated): their parcels fail, for good. Empty by default. */
  UNSERVICEABLE_WAREHOUSES: z
    .string()
    .default('')
    .transform((list) => new Set(list.split(',').map((id) => id.trim()).filter(Boolean))),
};
