import { rmSync } from 'node:fs';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Sequelize } from 'sequelize';
import { DATABASES, type StackSettings } from './settings';

/**
 * Drops a throw-away profile's databases and logs; its services recreate and seed the databases on start,
 * so every test or bench run begins from the seed data alone, and a log holds that run's lines only.
 * Refuses the dev profile: that data is someone's work.
 */
export async function resetProfile(settings: StackSettings): Promise<void> {
  if (settings.profile === 'dev') throw new Error('refusing to drop the dev databases');
  rmSync(settings.logDir, { recursive: true, force: true });
  await terminateLeftoverWorkflows(settings);
  await dropDatabases(settings.infra.MYSQL_URL, DATABASES.map((name) => settings.databaseUrl(name)));
}

/** Drops the databases the URLs name (those that exist) on the MySQL server at `serverUrl`. */
export async function dropDatabases(serverUrl: string, databaseUrls: string[]): Promise<void> {
  const server = new Sequelize(serverUrl, { dialect: 'mysql', logging: false });
  try {
    for (const url of databaseUrls) await server.query(`DROP DATABASE IF EXISTS \`${new URL(url).pathname.slice(1)}\``);
  } finally {
    await server.close();
  }
}

/**
 * Workflows an interrupted run left open on the profile's task queue would otherwise wake up on the new
 * stack (a durable timer, a retried activity) and act on databases that no longer hold their orders.
 */
export async function terminateLeftoverWorkflows(settings: StackSettings): Promise<void> {
  const connection = await Connection.connect({ address: settings.infra.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const query = `TaskQueue = "${settings.taskQueue}" AND ExecutionStatus = "Running"`;
    for await (const execution of client.workflow.list({ query })) {
      // A child may already be gone with its terminated parent: visibility lags behind.
      await client.workflow
        .getHandle(execution.workflowId, execution.runId)
        .terminate(`left over from an earlier ${settings.profile} run`)
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
    }
  } finally {
    await connection.close();
  }
}
