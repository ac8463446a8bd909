import { PROCESSES, type ProcessName } from '../stack/instances';
import { ensureTopics } from '../stack/kafka-topics';
import { dropDatabases } from '../stack/reset';
import { freePort, isolatedEnvironment, standaloneTopicPrefix, startAlone } from '../stack/standalone';
import { testStack } from '../testing';

/**
 * Each process deploys alone: `npm run start -w <workspace>` builds it, starts it with nothing but environment
 * variables (the test stack's infrastructure, its own databases, topics and task queue), and it becomes
 * ready, answers its health endpoints, and drains and exits 0 on SIGTERM.
 */
beforeAll(async () => {
  const settings = testStack();
  await ensureTopics(settings.infra.KAFKA_BROKERS, standaloneTopicPrefix(settings));
  // A fresh start each run: every process creates and migrates its database on start-up.
  await dropDatabases(settings.infra.MYSQL_URL, PROCESSES.map((name) => isolatedEnvironment(name, settings, 0).DATABASE_URL!));
});

it.each(PROCESSES)('%s starts alone from its npm script, is ready, and exits 0 on SIGTERM', async (name) => {
  const port = await freePort();
  const alone = startAlone(name, isolatedEnvironment(name, testStack(), port));
  try {
    await alone.ready;
    const base = `http://127.0.0.1:${port}`;
    const ready = await fetch(`${base}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({ status: 200, body: { ready: true } });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  } finally {
    process.kill(alone.pid, 'SIGTERM');
  }
  expect(await alone.exited).toBe(0);
  expect(alone.output.map(logMessage)).toContain('stopped');
});

/** Every value wrong in a way some process checks; the gateway's required AUTH_JWT_SECRET is missing. */
const badEnvironment = {
  LOG_LEVEL: 'loud',
  KAFKA_BROKERS: 'kafka-without-port',
  DATABASE_URL: 'postgres://db/orders',
  TEMPORAL_ADDRESS: 'temporal-without-port',
  HEALTH_PORT: 'eighty',
  PORT: 'eighty',
  SIMULATED_PROVIDER_DELAY_MS: '-1',
};

const expectedProblems: Record<ProcessName, string[]> = {
  inventory: ['LOG_LEVEL', 'KAFKA_BROKERS', 'DATABASE_URL', 'HEALTH_PORT'],
  payment: ['LOG_LEVEL', 'KAFKA_BROKERS', 'DATABASE_URL', 'HEALTH_PORT', 'SIMULATED_PROVIDER_DELAY_MS'],
  shipping: ['LOG_LEVEL', 'KAFKA_BROKERS', 'DATABASE_URL', 'HEALTH_PORT'],
  orchestrator: ['LOG_LEVEL', 'KAFKA_BROKERS', 'TEMPORAL_ADDRESS', 'DATABASE_URL', 'HEALTH_PORT'],
  gateway: ['LOG_LEVEL', 'KAFKA_BROKERS', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'PORT', 'AUTH_JWT_SECRET'],
};

it.each(PROCESSES)('%s started with a bad environment exits 2, listing every problem in one message', async (name) => {
  const alone = startAlone(name, badEnvironment);
  expect(await alone.exited).toBe(2);
  const heading = `${name}: invalid configuration:`;
  expect(alone.output).toContain(heading);
  const problems = alone.output
    .slice(alone.output.indexOf(heading) + 1).filter((line) => line.startsWith('  - ')).map((line) => line.slice(4).split(':')[0]);
  expect(problems.sort()).toEqual([...expectedProblems[name]].sort());
});

function logMessage(line: string): unknown {
  try {
    return (JSON.parse(line) as { msg?: unknown }).msg;
  } catch {
    return undefined;
  }
}
