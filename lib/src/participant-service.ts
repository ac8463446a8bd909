import type { Sequelize } from 'sequelize';
import type { ServiceName } from '@omniflow/contracts';
import { barrierMigration } from './barrier';
import { databaseConfig, kafkaConfig, loadConfig, logConfig } from './config';
import { healthConfig, serveHealth } from './health';
import { connectDatabase, migrate, type Migration } from './database';
import { connectProducer, createKafka } from './kafka';
import { runService } from './lifecycle';
import type { Logger } from './logger';
import { createRegistry } from './metrics';
import { participantGroup, startParticipant, type CommandHandler } from './participant';
import { participantMetrics } from './participant-metrics';

export interface ParticipantServiceSpec {
  service: ServiceName;
  /** The service's own tables; the barrier table is added in front of them. */
  migrations: Migration[];
  /** Demo data, inserted only with SEED_DEMO_DATA=true; must be idempotent. */
  seed?(sequelize: Sequelize, logger: Logger): Promise<void>;
  handlers(sequelize: Sequelize): CommandHandler<any, any>[];
}

/**
 * The whole main of a saga participant: config, own database, migrations, one producer, the command consumer,
 * and health and metrics on HEALTH_PORT.
 */
export function runParticipantService(spec: ParticipantServiceSpec): void {
  runService(spec.service, async (logger) => {
    const config = loadConfig({ ...logConfig, ...kafkaConfig, ...databaseConfig, ...healthConfig });
    const sequelize = await connectDatabase(config.DATABASE_URL, logger);
    await migrate(sequelize, [barrierMigration, ...spec.migrations], logger);
    if (config.SEED_DEMO_DATA && spec.seed) await spec.seed(sequelize, logger);
    const kafka = createKafka(spec.service, config.KAFKA_BROKERS, logger);
    const producer = await connectProducer(kafka);
    const registry = createRegistry(spec.service);
    const consumer = await startParticipant({
      service: spec.service,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      kafka,
      producer,
      sequelize,
      logger,
      metrics: participantMetrics(registry),
      handlers: spec.handlers(sequelize),
    });
    const stopHealth = await serveHealth(
      config,
      {
        checks: { database: () => sequelize.authenticate() },
        metrics: { registry },
        kafka: { client: kafka, groups: [participantGroup(spec.service, config.KAFKA_TOPIC_PREFIX)] },
      },
      logger,
    );
    return async () => {
      await stopHealth();
      // Consumer first: it finishes the message in hand (effect, reply, offset) before leaving the group.
      await consumer.disconnect();
      await producer.disconnect();
      await sequelize.close();
    };
  });
}
