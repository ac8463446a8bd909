import { z } from 'zod/v4';
import type { OrderPolicy } from '@omniflow/contracts/orders';
import { resolve } from 'node:path';
import {
  databaseConfig,
  durationSetting as duration,
  kafkaConfig,
  loadConfig,
  logConfig,
  requiredAs,
  temporalConfig,
} from '@omniflow/lib';
import { MIN_TOKEN_SECRET_LENGTH } from '@omniflow/lib/auth';
import { consoleUsersConfig } from '../auth/console-users';

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

/** An http(s) base URL, kept without a trailing slash; unset is null. */
const baseUrl = z
  .string()
  .url('must be a URL like http://127.0.0.1:8101')
  .refine((url) => /^https?:\/\//.test(url), 'must start with http:// or https://')
  .transform((url) => url.replace(/\/+$/, ''))
  .optional()
  .transform((url) => url ?? null);

export const gatewayConfig = {
  ...logConfig,
  ...databaseConfig,
  ...temporalConfig,
  /** For the console: topic inspection and the order-events feed (a consumer group of this instance's own). */
  ...kafkaConfig,
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().default('127.0.0.1'),
  /** Verifies bearer tokens and keys the idempotent order ids: a leaked secret lets anyone mint tokens. */
  AUTH_JWT_SECRET: z
    .string(requiredAs(`required: at least ${MIN_TOKEN_SECRET_LENGTH} random characters`))
    .min(MIN_TOKEN_SECRET_LENGTH, `must be at least ${MIN_TOKEN_SECRET_LENGTH} characters`),
  /** An order whose total is above this (major units) waits for an auditor. */
  REVIEW_THRESHOLD: moneyAsCents('10000'),
  REVIEW_TIMEOUT: duration('30m'),
  PAYMENT_TIMEOUT: duration('10m'),
  COMMAND_REPLY_TIMEOUT: duration('15s'),
  /** The console's logins (see console-users.ts); unset, only bearer tokens minted elsewhere work. */
  CONSOLE_USERS: consoleUsersConfig,
  /** The inventory service's HTTP endpoint (its HEALTH_PORT), asked for stock levels; unset, /admin/stock is 503. */
  INVENTORY_URL: baseUrl,
  /** The Temporal Web UI, for the console's link from an order to its workflow; unset, no link. */
  TEMPORAL_UI_URL: baseUrl,
  /** The built console (`npm run build` writes console/dist), served at /console. */
  CONSOLE_DIR: z.string().min(1).default(resolve(__dirname, '../../../../console/dist')),
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
