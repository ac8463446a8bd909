import { Kafka, logLevel } from 'kafkajs';
import { TOPIC_PARTITIONS, TOPIC_RETENTION_MS, allTopics } from '@omniflow/contracts';

/** Creates the command and reply topics that are missing; the broker does not auto-create topics. */
export async function ensureTopics(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'omniflow-devstack', brokers: brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics(prefix).filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          replicationFactor: 1,
          configEntries: [{ name: 'retention.ms', value: String(TOPIC_RETENTION_MS) }],
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
