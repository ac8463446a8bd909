import { Sequelize } from 'sequelize';
import { ensureInfra, infraSettings } from '../infra';
import { RunningStack, stackSettings, type StackSettings } from '../stack';
import { ensureTopics } from '../topics';

export interface TestRun {
  stack: RunningStack;
  startedInfra: boolean;
}

/**
 * Brings the real infrastructure up if it is not (and remembers that, to stop it afterwards), gives the test
 * profile fresh databases, and starts every OmniFlow process as its own OS process, as `npm start` would.
 */
export default async function globalSetup(): Promise<void> {
  const infra = infraSettings();
  const startedInfra = await ensureInfra(infra);
  const settings = stackSettings('test', infra);
  await dropTestDatabases(settings);
  await ensureTopics(infra.KAFKA_BROKERS, settings.topicPrefix);
  const stack = await RunningStack.start(settings, (name, code, signal) => {
    process.stderr.write(`\n[omniflow test] ${name} exited (${code ?? signal}) during the tests; see its log\n`);
  });
  (globalThis as { omniflowTestRun?: TestRun }).omniflowTestRun = { stack, startedInfra };
}

/** Each run starts from the seed data alone, so assertions on stock do not depend on earlier runs. */
async function dropTestDatabases(settings: StackSettings): Promise<void> {
  const server = new Sequelize(settings.infra.MYSQL_URL, { dialect: 'mysql', logging: false });
  try {
    for (const owner of ['gateway', 'inventory', 'payment', 'shipping'] as const) {
      const database = new URL(settings.databaseUrl(owner)).pathname.slice(1);
      await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
    }
  } finally {
    await server.close();
  }
}
