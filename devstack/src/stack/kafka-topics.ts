import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod/v4';
import { TOPIC_RETENTION_MS, allTopics, compactedTopics } from '@omniflow/contracts';
import { loadConfig } from '@omniflow/lib';

export const topicConfig = {
  /**
   * Partitions of each topic this creates (existing topics keep theirs). At most this many copies of a service
   * share its commands (a further one idles); one order's messages share a key, so their order holds however
   * many there are. See README's Benchmarks for a hot SKU at 3 and at 12.
   */
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(3),
};

/**
 * A compacted topic keeps the last message per key for good; its segments roll hourly so the log cleaner has
 * closed segments to compact (by default a quiet topic's only segment stays open, uncompacted, for 7 days).
 */
const COMPACTED = [
  { name: 'cleanup.policy', value: 'compact' },
  { name: 'segment.ms', value: String(60 * 60 * 1000) },
];

/** Creates the command and reply topics that are missing; the broker does not auto-create topics. */
export async function ensureTopics(brokers: string, prefix: string): Promise<void> {
  const { TOPIC_PARTITIONS } = loadConfig(topicConfig);
  const admin = new Kafka({ clientId: 'omniflow-devstack', brokers: brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = allTopics(prefix).filter((topic) => !existing.has(topic));
    const compacted = new Set(compactedTopics(prefix));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: TOPIC_PARTITIONS,
          replicationFactor: 1,
          configEntries: compacted.has(topic) ? COMPACTED : [{ name: 'retention.ms', value: String(TOPIC_RETENTION_MS) }],
        })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
