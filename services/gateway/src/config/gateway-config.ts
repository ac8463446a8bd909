import { z } from 'zod';
import type { OrderPolicy } from '@omniflow/contracts/orders';
import { databaseConfig, durationSetting as duration, loadConfig, logConfig, MIN_TOKEN_SECRET_LENGTH, temporalConfig } from '@omniflow/lib';

/** Money in major units with at most 2 decimals, read as whole cents (no float arithmetic on money). */
const moneyAsCents = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((text) => /^\d{1,13}(\.\d{1,2})?$/.test(text), 'must be an amount like 10000 or 99.95')
    .transform((text) => {
      const [whole, fraction = ''] = text.split('.');
      return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    });

export const gatewayConfig = {
  ...logConfig,
  ...databaseConfig,
  ...temporalConfig,
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default('127.0.0.1'),
  /** Verifies bearer tokens and keys the idempotent order ids: a leaked secret lets anyone mint tokens. */
  AUTH_JWT_SECRET: z
    .string({ required_error: `required: at least ${MIN_TOKEN_SECRET_LENGTH} random characters` })
    .min(MIN_TOKEN_SECRET_LENGTH, `must be at least ${MIN_TOKEN_SECRET_LENGTH} characters`),
  /** An order whose total is above this (major units) waits for an auditor. */
  REVIEW_THRESHOLD: moneyAsCents('10000'),
  REVIEW_TIMEOUT: duration('30m'),
  PAYMENT_TIMEOUT: duration('10m'),
  COMMAND_REPLY_TIMEOUT: duration('15s'),
};

/** The gateway's settings, with the order rules gathered into the policy every new order is started under. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const { REVIEW_THRESHOLD, REVIEW_TIMEOUT, PAYMENT_TIMEOUT, COMMAND_REPLY_TIMEOUT, ...settings } = loadConfig(gatewayConfig, env);
  const policy: OrderPolicy = {
    reviewThresholdCents: REVIEW_THRESHOLD,
    reviewTimeoutMs: REVIEW_TIMEOUT,
    paymentTimeoutMs: PAYMENT_TIMEOUT,
    replyTimeoutMs: COMMAND_REPLY_TIMEOUT,
  };
  return { ...settings, policy };
}
