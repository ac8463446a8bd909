import type { Admin, Kafka } from 'kafkajs';
import { allTopics } from '@omniflow/contracts';
import { describeTopics, readMessages, type ReadableMessage } from '@omniflow/lib';
import type { TopicInspector } from './admin-deps';

/** A read stops when nothing new came for this long: the topic's end has been reached. */
const CAUGHT_UP_IDLE_MS = 1_000;
/** One message at a known position arrives in the first fetch; this only bounds a broker that is slow to answer. */
const ONE_MESSAGE_IDLE_MS = 5_000;

/** Topic inspection (lib/topic-inspection.ts) over this gateway's Kafka connection and topic prefix. */
export function kafkaTopics(kafka: Kafka, admin: Admin, topicPrefix: string): TopicInspector {
  return {
    topics: allTopics(topicPrefix),
    describe: () => describeTopics(admin, topicPrefix),
    async messages(topic, { orderId, limit }) {
      const found: ReadableMessage[] = [];
      await readMessages(kafka, topic, { orderId: orderId ?? undefined, limit, idleMs: CAUGHT_UP_IDLE_MS }, (message) => found.push(message));
      return found;
    },
    async message(topic, partition, offset) {
      // Outside the partition's offsets there is nothing to wait for: answer at once.
      const bounds = (await admin.fetchTopicOffsets(topic)).find((entry) => entry.partition === partition);
      if (!bounds || BigInt(offset) < BigInt(bounds.low) || BigInt(offset) >= BigInt(bounds.high)) return undefined;
      let found: ReadableMessage | undefined;
      await readMessages(kafka, topic, { partition, offset, limit: 1, idleMs: ONE_MESSAGE_IDLE_MS }, (message) => (found = message));
      return found;
    },
  };
}
