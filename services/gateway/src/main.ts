import { once } from 'node:events';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { connectDatabase, migrate, runService } from '@omniflow/lib';
import { createApp } from './app';
import { catalogMigrations, seedCatalog, sqlCatalog } from './catalog/catalog';
import { loadGatewayConfig } from './config/gateway-config';
import { sqlOrderDirectory } from './orders/directory';
import { temporalOrderWorkflows } from './orders/workflows';

runService('gateway', async (logger) => {
  const config = loadGatewayConfig();
  const sequelize = await connectDatabase(config.DATABASE_URL, logger);
  await migrate(sequelize, catalogMigrations, logger);
  if (config.SEED_DEMO_DATA) await seedCatalog(sequelize);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  // Starts, queries and Updates carry the request's trace context in their headers to the workflow.
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
  });

  const app = createApp(
    {
      catalog: sqlCatalog(sequelize),
      workflows: temporalOrderWorkflows(client, config.TEMPORAL_TASK_QUEUE),
      directory: sqlOrderDirectory(sequelize),
      policy: config.policy,
      authSecret: config.AUTH_JWT_SECRET,
    },
    logger,
    {
      database: () => sequelize.authenticate(),
      temporal: () => connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({})),
    },
  );
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  logger.info({ url: `http://${config.HOST}:${config.PORT}`, policy: config.policy }, 'listening');

  return async () => {
    // Stop accepting, let requests in flight finish, then close the back ends they use.
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    await connection.close();
    await sequelize.close();
  };
});
