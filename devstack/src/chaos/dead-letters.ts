import { Kafka, logLevel } from 'kafkajs';
import { deadLetterTopic } from '@omniflow/contracts';

/**
 * How many messages the profile's dead-letter topic has ever received (its partitions' end offsets). A chaos
 * run compares the count before and after: every message it sends is valid, so any dead letter means a valid
 * command or reply was given up on, e.g. a transient failure mistaken for a permanent one.
 */
export async function deadLettersSoFar(brokers: string, prefix: string): Promise<number> {
  const admin = new Kafka({ clientId: 'omniflow-chaos', brokers: brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(deadLetterTopic(prefix));
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect();
  }
}
