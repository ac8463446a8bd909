import type { Sequelize } from 'sequelize';
import { availabilityTopic } from '@omniflow/contracts';
import { connectDatabase, connectProducer, createKafka, createLogger, createRegistry, migrate } from '@omniflow/lib';
import {
  barrierAgeIndexMigration,
  barrierMigration,
  participantMetrics,
  startParticipant,
  type CommandHandler,
  type ReplySink,
} from '@omniflow/lib/participant';
import { inventoryHandlers } from '../handlers';
import { migrations } from '../migrations';
import { initModels } from '../models';
import { StockLedger } from '../stock-ledger';

/** Inventory's database (created and migrated when new), as the service opens it. */
export async function openInventoryDatabase(databaseUrl: string, logger = quietLogger()): Promise<Sequelize> {
  const sequelize = await connectDatabase(databaseUrl, logger);
  await migrate(sequelize, [barrierMigration, barrierAgeIndexMigration, ...migrations], logger);
  initModels(sequelize);
  return sequelize;
}

/** Silent unless LOG_LEVEL asks: a test's planted failures would otherwise fill its output. */
function quietLogger() {
  return createLogger('inventory-in-process', process.env.LOG_LEVEL ?? 'silent');
}

export interface InProcessInventory {
  stop(): Promise<void>;
}

/**
 * The inventory participant in the test's own process, on a database and topic prefix of the test's own: so a
 * test can choose its batch bound, compose its handlers (a deliberate bug) or its reply sink (a crash) without
 * the service carrying any test wiring.
 */
export async function startInventoryInProcess(options: {
  brokers: string[];
  databaseUrl: string;
  topicPrefix: string;
  maxBatch: number;
  handlers?: CommandHandler<any, any, StockLedger>[];
  replySink?(send: ReplySink): ReplySink;
}): Promise<InProcessInventory> {
  const logger = quietLogger();
  const sequelize = await openInventoryDatabase(options.databaseUrl, logger);
  const kafka = createKafka('inventory-in-process', options.brokers, logger);
  const producer = await connectProducer(kafka);
  const consumer = await startParticipant({
    service: 'inventory',
    topicPrefix: options.topicPrefix,
    kafka,
    producer,
    sequelize,
    logger,
    metrics: participantMetrics(createRegistry('inventory-in-process')),
    handlers: options.handlers ?? inventoryHandlers,
    unitOfWork: (tx) => new StockLedger(tx, availabilityTopic(options.topicPrefix)),
    maxBatch: options.maxBatch,
    replySink: options.replySink,
  });
  return {
    async stop() {
      await consumer.stop();
      await producer.disconnect();
      await sequelize.close();
    },
  };
}
