import type { Sequelize } from 'sequelize';
import type { ServiceName } from '@omniflow/contracts';
import { barrierAgeIndexMigration, barrierMigration } from './barrier';
import { barrierCleanupConfig, scheduleBarrierCleanup } from './barrier-cleanup';
import { databaseConfig, kafkaConfig, loadConfig, logConfig } from './config';
import { healthConfig, serveHealth, type ReadRoute } from './health';
import { connectDatabase, migrate, type Migration } from './database';
import { connectProducer, createKafka } from './kafka';
import { runService } from './lifecycle';
import type { Logger } from './logger';
import { startParticipant, type CommandHandler } from './participant';

export interface ParticipantServiceSpec {
  service: ServiceName;
  /** The service's own tables; the barrier table is added in front of them. */
  migrations: Migration[];
  /** Demo data, inserted only with SEED_DEMO_DATA=true; must be idempotent. */
  seed?(sequelize: Sequelize, logger: Logger): Promise<void>;
  handlers(sequelize: Sequelize): CommandHandler<any, any>[];
  /** Read-only JSON endpoints served on HEALTH_PORT beside health, by path (inventory's /stock). */
  routes?(sequelize: Sequelize): Record<string, ReadRoute>;
}

/**
 * The whole main of a saga participant: config, own database, migrations, one producer, the command consumer, the
 * dedup cleanup job.
 */
export function runParticipantService(spec: ParticipantServiceSpec): void {
  runService(spec.service, async (logger) => {
    const config = loadConfig({ ...logConfig, ...kafkaConfig, ...databaseConfig, ...healthConfig, ...barrierCleanupConfig });
    const sequelize = await connectDatabase(config.DATABASE_URL, logger);
    await migrate(sequelize, [barrierMigration, barrierAgeIndexMigration, ...spec.migrations], logger);
    if (config.SEED_DEMO_DATA && spec.seed) await spec.seed(sequelize, logger);
    const kafka = createKafka(spec.service, config.KAFKA_BROKERS, logger);
    const producer = await connectProducer(kafka);
    const consumer = await startParticipant({
      service: spec.service,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      kafka,
      producer,
      sequelize,
      logger,
      handlers: spec.handlers(sequelize),
    });
    const stopHealth = await serveHealth(config, { database: () => sequelize.authenticate() }, kafka, logger, spec.routes?.(sequelize));
    const stopCleanup = scheduleBarrierCleanup(sequelize, config, logger);
    return async () => {
      await stopHealth();
      await stopCleanup();
      // Consumer first: it finishes the message in hand (effect, reply, offset) before leaving the group.
      await consumer.stop();
      await producer.disconnect();
      await sequelize.close();
    };
  });
}
