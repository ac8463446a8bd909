import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { connectDatabase, connectProducer, createKafka, loadConfig, migrate, runService, serveHealth, type Logger } from '@omniflow/lib';
import { createActivities } from './activities/commands';
import { createReadModelActivities, readModelMigrations } from './activities/read-model';
import { WORKFLOW_BUNDLE } from './bundle-workflows';
import { orchestratorConfig } from './config';
import { startReplyConsumer } from './replies';

runService('orchestrator', async (logger) => {
  const config = loadConfig(orchestratorConfig);
  installTemporalLogging(logger, config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : 'INFO');

  const sequelize = await connectDatabase(config.DATABASE_URL, logger);
  await migrate(sequelize, readModelMigrations, logger);
  const kafka = createKafka('orchestrator', config.KAFKA_BROKERS, logger);
  const producer = await connectProducer(kafka);
  const workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });

  const worker = await Worker.create({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    // Built by `npm run build` (bundle-workflows.ts); see there for why it is not bundled at start.
    workflowBundle: { codePath: WORKFLOW_BUNDLE },
    // No sticky cache: every workflow task replays the history the server has. With a cache, a task whose
    // completion was lost (server restart mid-task) was retried on the cached, already-advanced state, so an
    // Update delivered with the retry was applied after the task's other work; a later replay from history
    // applies it first (SDK 1.24 orders Updates before activity results), and the order stalled with a
    // non-determinism error. The chaos suite found it; replaying short saga histories costs little.
    maxCachedWorkflows: 0,
    activities: { ...createActivities(producer, config.KAFKA_TOPIC_PREFIX, logger), ...createReadModelActivities(sequelize, producer, config.KAFKA_TOPIC_PREFIX) },
  });
  const replies = await startReplyConsumer(kafka, producer, client, config.KAFKA_TOPIC_PREFIX, logger);
  const running = worker.run();
  running.catch((err: unknown) => {
    logger.fatal({ err }, 'worker stopped unexpectedly');
    process.exit(1);
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker polling');
  const stopHealth = await serveHealth(
    config,
    {
      database: () => sequelize.authenticate(),
      temporal: () => clientConnection.withDeadline(Date.now() + 2_000, () => clientConnection.workflowService.getSystemInfo({})),
    },
    kafka,
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

/** Sends the Temporal SDK's own log lines through pino, so the worker's log file is JSON throughout. */
function installTemporalLogging(logger: Logger, level: LogLevel): void {
  Runtime.install({
    // runService stops the worker in order on SIGTERM/SIGINT; the SDK must not start its own shutdown as well.
    shutdownSignals: [],
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const log = logger.child({ component: 'temporal-sdk' });
      const method = entryLevel.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
      log[method](meta ?? {}, message);
    }),
  });
}
