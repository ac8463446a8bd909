import { databaseConfig, healthConfig, kafkaConfig, logConfig, temporalConfig } from '@omniflow/lib';

/**
 * The orchestrator's settings. DATABASE_URL is the order side's database (shared with the gateway's
 * catalog), where it keeps the orders read model; it seeds nothing, so SEED_DEMO_DATA is not among them.
 */
export const orchestratorConfig = {
  ...logConfig,
  ...kafkaConfig,
  ...temporalConfig,
  DATABASE_URL: databaseConfig.DATABASE_URL,
  ...healthConfig,
};
