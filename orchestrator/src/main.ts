import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ordersReadModel, ordersReadModelMigrations } from '@omniflow/lib/orders-read-model';
import { connectDatabase, connectProducer, createKafka, createRegistry, loadConfig, migrate, runService, serveHealth } from '@omniflow/lib';
import { replyGroup, startReplyConsumer } from './commands/complete-by-reply';
import { InFlightCommands } from './commands/in-flight';
import { createCommandActivities } from './commands/send';
import { orchestratorConfig } from './config';
import { orchestratorMetrics, registerOrdersByStatus } from './metrics';
import { createProjectionWriter, createReadModelActivities } from './read-model/project';
import { installTemporalRuntime } from './temporal-runtime';
import { orderWorkflowOptions } from './worker-options';

runService('orchestrator', async (logger, tracing) => {
  const config = loadConfig(orchestratorConfig);
  const sdkMetrics = await installTemporalRuntime(logger, config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'INFO');

  const registry = createRegistry('orchestrator');
  const metrics = orchestratorMetrics(registry);
  const telemetry = { metrics, inFlight: new InFlightCommands() };
  const sequelize = await connectDatabase(config.DATABASE_URL, logger);
  await migrate(sequelize, ordersReadModelMigrations, logger);
  registerOrdersByStatus(registry, ordersReadModel(sequelize), logger);
  const kafka = createKafka('orchestrator', config.KAFKA_BROKERS, logger);
  const producer = await connectProducer(kafka);
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });

  const writeProjection = createProjectionWriter(sequelize, producer, config.KAFKA_TOPIC_PREFIX, logger, metrics);
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...orderWorkflowOptions(tracing),
    activities: {
      ...createCommandActivities(producer, config.KAFKA_TOPIC_PREFIX, logger, telemetry, writeProjection),
      ...createReadModelActivities(writeProjection),
    },
  });
  const replies = await startReplyConsumer(kafka, producer, client, config.KAFKA_TOPIC_PREFIX, logger, telemetry);
  const running = worker.run();
  running.catch((err: unknown) => {
    logger.fatal({ err }, 'worker stopped unexpectedly');
    process.exit(1);
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  const stopHealth = await serveHealth(
    config,
    {
      checks: {
        database: () => sequelize.authenticate(),
        temporal: () => clientConnection.withDeadline(Date.now() + 2_000, () => clientConnection.workflowService.getSystemInfo({})),
      },
      metrics: { registry, append: sdkMetrics },
      kafka: { client: kafka, groups: [replyGroup(config.KAFKA_TOPIC_PREFIX)] },
    },
    logger,
  );

  return async () => {
    await stopHealth();
    // Stop taking tasks and let the running ones finish, then stop routing replies, then close connections.
    worker.shutdown();
    await running;
    await replies.stop();
    await producer.disconnect();
    await clientConnection.close();
    await workerConnection.close();
    await sequelize.close();
  };
});
