import type { RequestListener } from 'node:http';
import type { Producer } from 'kafkajs';
import type { Sequelize, Transaction } from 'sequelize';
import { z } from 'zod/v4';
import type { ServiceName } from '@omniflow/contracts';
import { barrierAgeIndexMigration, barrierMigration } from './barrier';
import { barrierCleanupConfig, scheduleBarrierCleanup } from './barrier-cleanup';
import { databaseConfig, kafkaConfig, loadConfig, logConfig } from '../config';
import { healthConfig, serveHealth } from '../health';
import { connectDatabase, migrate, type Migration } from '../database';
import { connectProducer, createKafka } from '../kafka';
import { runService } from '../lifecycle';
import type { Logger } from '../logger';
import { createRegistry } from '../metrics';
import { participantGroup, startParticipant, type CommandHandler, type ReplySink, type UnitOfWork } from './participant';
import { participantMetrics } from './participant-metrics';

export interface ParticipantServiceSpec<S extends z.ZodRawShape, W extends UnitOfWork> {
  service: ServiceName;
  /** The service's own settings, validated with the common ones before anything connects: one message lists every problem. */
  config: S;
  /** The service's own tables; the barrier table is added in front of them. */
  migrations: Migration[];
  /** Demo data, inserted only with SEED_DEMO_DATA=true; must be idempotent. */
  seed?(sequelize: Sequelize, logger: Logger): Promise<void>;
  handlers(sequelize: Sequelize, config: Settings<S>): CommandHandler<any, any, W>[];
  /** A batch's working state over its transaction (see UnitOfWork). */
  unitOfWork(tx: Transaction, config: Settings<S>): W;
  /** Wraps how replies are sent (a simulator's); see ReplySink. */
  replySink?(send: ReplySink): ReplySink;
  /** The service's own HTTP API (inventory's), served on HEALTH_PORT beside health and metrics. */
  api?(services: { sequelize: Sequelize; logger: Logger }): RequestListener;
  /**
   * Work of the service's own beside its commands (inventory republishes availability on a timer), started once
   * the consumer runs, with the process's producer; returns what stops it, called before the consumer stops.
   */
  background?(services: { sequelize: Sequelize; producer: Producer; config: Settings<S>; logger: Logger }): () => Promise<void>;
}

export const batchConfig = {
  /**
   * At most this many commands of one partition are applied in one transaction (what the partition has already
   * fetched: a batch never waits to fill). 1 gives every command a transaction, reply send and offset commit of
   * its own.
   */
  PARTICIPANT_MAX_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
};

/** What every participant reads: logging, Kafka, its own database, batching, the health endpoint, the dedup cleanup. */
export const participantConfig = { ...logConfig, ...kafkaConfig, ...databaseConfig, ...batchConfig, ...healthConfig, ...barrierCleanupConfig };
type Settings<S extends z.ZodRawShape> = z.infer<z.ZodObject<typeof participantConfig>> & z.infer<z.ZodObject<S>>;

/**
 * The whole main of a saga participant: config, own database, migrations, one producer, the command consumer, the
 * dedup cleanup job, and health and metrics on HEALTH_PORT.
 */
export function runParticipantService<S extends z.ZodRawShape, W extends UnitOfWork>(spec: ParticipantServiceSpec<S, W>): void {
  runService(spec.service, async (logger) => {
    // Both shapes in one validation, so one message lists every problem; with a generic spread TypeScript
    // cannot name the result's keys itself.
    const config = loadConfig({ ...participantConfig, ...spec.config }) as Settings<S>;
    const sequelize = await connectDatabase(config.DATABASE_URL, logger);
    await migrate(sequelize, [barrierMigration, barrierAgeIndexMigration, ...spec.migrations], logger);
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
      handlers: spec.handlers(sequelize, config),
      unitOfWork: (tx) => spec.unitOfWork(tx, config),
      maxBatch: config.PARTICIPANT_MAX_BATCH,
      replySink: spec.replySink,
    });
    const stopHealth = await serveHealth(
      config,
      {
        checks: { database: () => sequelize.authenticate() },
        metrics: { registry },
        kafka: { client: kafka, groups: [participantGroup(spec.service, config.KAFKA_TOPIC_PREFIX)] },
      },
      logger,
      spec.api?.({ sequelize, logger }),
    );
    const stopCleanup = scheduleBarrierCleanup(sequelize, config, logger);
    const stopBackground = spec.background?.({ sequelize, producer, config, logger });
    return async () => {
      await stopHealth();
      await stopCleanup();
      await stopBackground?.();
      // Consumer first: it finishes the message in hand (effect, reply, offset) before leaving the group.
      await consumer.stop();
      await producer.disconnect();
      await sequelize.close();
    };
    // Each command's span is handed on explicitly (see startParticipant): no per-promise cost for an async context.
  }, { asyncContext: false });
}
