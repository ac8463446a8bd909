import { hashPassword } from '@omniflow/lib/auth';
import type { Instance } from './instances';
import type { StackSettings } from './settings';
import { TEST_TIMEOUTS, TEST_UNSERVICEABLE_WAREHOUSE } from './test-profile';

/** What the gateway needs for the console: its login, the inventory's stock endpoint, the Temporal UI. */
export async function consoleEnvironment(settings: StackSettings): Promise<Record<string, string>> {
  const { username, password } = settings.consoleLogin;
  return {
    CONSOLE_USERS: `${username}:auditor:${await hashPassword(password)}`,
    INVENTORY_URL: settings.healthUrl('inventory'),
    TEMPORAL_UI_URL: settings.infra.TEMPORAL_UI_URL,
  };
}

/** The environment `npm start` gives one process: every setting it reads, for this profile. */
export function environmentFor({ name, copy }: Instance, settings: StackSettings, consoleEnv: Record<string, string>): Record<string, string> {
  // The chaos and bench stacks keep production's clocks: a review or payment time-out is not one of the paths
  // they drive, and `bench read` holds orders in review for longer than the test profile's 2 minutes.
  const test = settings.profile !== 'dev' && settings.profile !== 'chaos' && settings.profile !== 'bench';
  const env: Record<string, string> = {
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    KAFKA_BROKERS: settings.infra.KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    TEMPORAL_ADDRESS: settings.infra.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: settings.taskQueue,
    SEED_DEMO_DATA: 'true',
  };
  if (name !== 'gateway') env.HEALTH_PORT = new URL(settings.healthUrl(name, copy)).port;
  switch (name) {
    case 'gateway':
      return {
        ...env,
        DATABASE_URL: settings.databaseUrl('orders'),
        PORT: new URL(settings.gatewayUrlOf(copy)).port,
        AUTH_JWT_SECRET: settings.authSecret,
        ...consoleEnv,
        ...(test && {
          REVIEW_TIMEOUT: TEST_TIMEOUTS.REVIEW_TIMEOUT,
          PAYMENT_TIMEOUT: TEST_TIMEOUTS.PAYMENT_TIMEOUT,
          COMMAND_REPLY_TIMEOUT: TEST_TIMEOUTS.COMMAND_REPLY_TIMEOUT,
        }),
      };
    case 'orchestrator':
      return { ...env, DATABASE_URL: settings.databaseUrl('orders') };
    case 'payment':
      return {
        ...env,
        DATABASE_URL: settings.databaseUrl('payment'),
        ...(test && { SIMULATED_PROVIDER_DELAY_MS: TEST_TIMEOUTS.SIMULATED_PROVIDER_DELAY_MS }),
      };
    case 'shipping':
      return { ...env, DATABASE_URL: settings.databaseUrl('shipping'), ...(test && { UNSERVICEABLE_WAREHOUSES: TEST_UNSERVICEABLE_WAREHOUSE }) };
    case 'inventory':
      return { ...env, DATABASE_URL: settings.databaseUrl('inventory') };
  }
}
