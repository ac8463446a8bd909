/** Helpers for integration tests: where the test stack is, and direct access to its Kafka, MySQL and Temporal. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Sequelize } from 'sequelize';
import { infraSettings } from '../infra';
import { dropDatabases, stackSettings, type Database, type ProcessName, type StackSettings } from '../stack';

let settings: StackSettings | undefined;

export function testStack(): StackSettings {
  settings ??= stackSettings('test', infraSettings());
  return settings;
}

export function testKafka(): Kafka {
  return new Kafka({ clientId: `test-${randomUUID()}`, brokers: testStack().infra.KAFKA_BROKERS.split(','), logLevel: logLevel.ERROR });
}

/** A service's own database, for arranging data and asserting effects a service cannot show otherwise. */
export function openDatabase(database: Database): Sequelize {
  return new Sequelize(testStack().databaseUrl(database), { dialect: 'mysql', logging: false });
}

/** The URL of an empty database of a test's own (dropped if a past run left it), on the test stack's MySQL. */
export async function freshTestDatabase(name: string): Promise<string> {
  const url = new URL(testStack().infra.MYSQL_URL);
  url.pathname = `/${name}`;
  await dropDatabases(testStack().infra.MYSQL_URL, [url.toString()]);
  return url.toString();
}

export async function temporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: testStack().infra.TEMPORAL_ADDRESS });
  return { client: new Client({ connection, namespace: 'default' }), close: () => connection.close() };
}

/** A fresh single-partition topic for a test's replies, so no other test's messages show up in it. */
export async function createTestTopic(kafka: Kafka, name = `${testStack().topicPrefix}probe-${randomUUID()}`): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: 1, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
  return name;
}

/**
 * Reads a topic from the start until `count` messages that `accept` have arrived (the jest timeout bounds
 * the wait). `accept` picks one test's messages out of a topic that outlives test runs.
 */
export async function collectMessages(
  kafka: Kafka,
  topic: string,
  count: number,
  accept: (message: KafkaMessage) => boolean = () => true,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const messages: KafkaMessage[] = [];
  try {
    await new Promise<void>((done, fail) => {
      consumer.run({
        // A throw-away reader: committing would leave its group's offsets (and apparent lag) behind.
        autoCommit: false,
        eachMessage: async ({ message }) => {
          if (!accept(message)) return;
          messages.push(message);
          if (messages.length === count) done();
        },
      }).catch(fail);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

export function readProcessLog(name: ProcessName): string {
  return readFileSync(resolve(testStack().logDir, `${name}.log`), 'utf8');
}
export * from './saga';
export * from './clients';
export { TEST_UNSERVICEABLE_WAREHOUSE } from '../stack';
export * from './probe';
export * from './http';
export * from './processes';
export * from './metrics';
