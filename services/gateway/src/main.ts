import { once } from 'node:events';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { connectDatabase, createKafka, migrate, runService } from '@omniflow/lib';
import { ordersReadModel, ordersReadModelMigrations } from '@omniflow/lib/orders-read-model';
import { inventoryStock } from './admin/inventory-stock';
import { kafkaTopics } from './admin/kafka-topics';
import { startOrderFeed } from './admin/order-feed';
import { createApp } from './app';
import { startAvailabilityFeed } from './availability/feed';
import { catalogMigrations, seedCatalog, sqlCatalog } from './catalog/catalog';
import { loadGatewayConfig } from './config/gateway-config';
import { temporalOrderWorkflows } from './orders/workflow-client';

runService('gateway', async (logger) => {
  const config = loadGatewayConfig();
  const sequelize = await connectDatabase(config.DATABASE_URL, logger);
  // The read model's table too: listing works before the orchestrator (its writer) has ever started.
  await migrate(sequelize, [...catalogMigrations, ...ordersReadModelMigrations], logger);
  if (config.SEED_DEMO_DATA) await seedCatalog(sequelize);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  // Starts, queries and Updates carry the request's trace context in their headers to the workflow.
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
  });
  const kafka = createKafka('gateway', config.KAFKA_BROKERS, logger);
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const feed = await startOrderFeed(kafka, config.KAFKA_TOPIC_PREFIX, logger);
  const availability = await startAvailabilityFeed(kafka, kafkaAdmin, config.KAFKA_TOPIC_PREFIX, logger);

  const app = createApp(
    {
      catalog: sqlCatalog(sequelize),
      workflows: temporalOrderWorkflows(client, config.TEMPORAL_TASK_QUEUE),
      availability: availability.book,
      directory: ordersReadModel(sequelize),
      policy: config.policy,
      authSecret: config.AUTH_JWT_SECRET,
      users: config.CONSOLE_USERS,
      topics: kafkaTopics(kafka, kafkaAdmin, config.KAFKA_TOPIC_PREFIX),
      stock: inventoryStock(config.INVENTORY_URL),
      feed,
      console: { temporalUiUrl: config.TEMPORAL_UI_URL, temporalNamespace: config.TEMPORAL_NAMESPACE },
      consoleDir: config.CONSOLE_DIR,
    },
    logger,
    {
      database: () => sequelize.authenticate(),
      temporal: () => connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({})),
      kafka: () => kafkaAdmin.describeCluster(),
    },
  );
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  logger.info(
    { url: `http://${config.HOST}:${config.PORT}`, console: `http://${config.HOST}:${config.PORT}/console/`, consoleUsers: [...config.CONSOLE_USERS.keys()], policy: config.policy },
    'listening',
  );

  return async () => {
    // Live streams never end by themselves: end them first, or closing the server would wait for them forever.
    await feed.stop();
    // Stop accepting, let requests in flight finish, then close the back ends they use.
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    await availability.stop();
    await kafkaAdmin.disconnect();
    await connection.close();
    await sequelize.close();
  };
});
