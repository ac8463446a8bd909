import { once } from 'node:events';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase, databaseConfig, loadConfig, logConfig, migrate, runService, temporalConfig } from '@omniflow/lib';
import { z } from 'zod';
import { createApp } from './app';
import { catalogMigrations, seedCatalog, sqlCatalog } from './catalog/catalog';
import { temporalOrderWorkflows } from './orders/workflows';

runService('gateway', async (logger) => {
  const config = loadConfig({
    ...logConfig,
    ...databaseConfig,
    ...temporalConfig,
    PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    HOST: z.string().default('127.0.0.1'),
  });
  const sequelize = await connectDatabase(config.DATABASE_URL, logger);
  await migrate(sequelize, catalogMigrations, logger);
  if (config.SEED_DEMO_DATA) await seedCatalog(sequelize);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });

  const app = createApp(sqlCatalog(sequelize), temporalOrderWorkflows(client, config.TEMPORAL_TASK_QUEUE), logger);
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  logger.info({ url: `http://${config.HOST}:${config.PORT}` }, 'listening');

  return async () => {
    // Stop accepting, let requests in flight finish, then close the back ends they use.
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    await connection.close();
    await sequelize.close();
  };
});
