import { z } from 'zod/v4';
import type { ShippingAddress } from '@omniflow/contracts/orders';

/** Printable text for a shipping label: trimmed, not blank, no control characters (no line breaks smuggled in). */
const labelText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `at most ${max} characters`)
    .regex(/^\P{Cc}*$/u, 'must not contain control characters');

export const shippingAddress = z
  .strictObject({
    name: labelText(100),
    line1: labelText(200),
    line2: labelText(200).nullish(),
    city: labelText(100),
    postalCode: labelText(16),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US or DE')
      .describe('ISO 3166-1 alpha-2, e.g. US or DE'),
  })
  .transform((address): ShippingAddress => ({ ...address, line2: address.line2 ?? null }))
  .describe('Printable text without control characters; surrounding spaces are trimmed, and must leave something.');
