/** Direct access to the test stack's Kafka: a client, topics of a test's own, and reading what arrived. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { testStack } from './test-stack';

export function testKafka(): Kafka {
  return new Kafka({ clientId: `test-${randomUUID()}`, brokers: testStack().infra.KAFKA_BROKERS.split(','), logLevel: logLevel.ERROR });
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
