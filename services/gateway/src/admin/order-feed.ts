import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { MessageRegistry, OrderChanged, orderEventsTopic } from '@omniflow/contracts';
import { consumerTuning, type Logger } from '@omniflow/lib';
import type { OrderFeed } from './admin-deps';

const events = new MessageRegistry([OrderChanged]);
/** Joining a fresh group is a second or two; far longer means Kafka is not there, and start-up should say so. */
const JOIN_TIMEOUT_MS = 60_000;

export interface RunningOrderFeed extends OrderFeed {
  /** Ends every subscriber's stream, then leaves the group. */
  stop(): Promise<void>;
}

/**
 * Reads the order-events topic in a consumer group of this gateway instance's own, so every instance sees
 * every change (a shared group would split them between instances). It starts at the latest offsets and
 * commits none: live updates are about now, and a group without committed offsets leaves nothing behind in
 * Kafka when the instance goes. Resolves once the group has its partitions, so "ready" means "live".
 */
export async function startOrderFeed(kafka: Kafka, topicPrefix: string, logger: Logger): Promise<RunningOrderFeed> {
  const subscribers = new Set<{ onChange: (change: OrderChanged) => void; onEnd: () => void }>();
  const consumer = kafka.consumer({ groupId: `${topicPrefix}gateway-live-${randomUUID()}`, ...consumerTuning });
  await consumer.connect();
  await consumer.subscribe({ topic: orderEventsTopic(topicPrefix), fromBeginning: false });
  let timer: NodeJS.Timeout | undefined;
  let removeListener: (() => void) | undefined;
  const joined = new Promise<void>((resolve, reject) => {
    removeListener = consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    timer = setTimeout(() => reject(new Error(`order feed: no partitions after ${JOIN_TIMEOUT_MS / 1000}s`)), JOIN_TIMEOUT_MS);
  });
  await consumer.run({
    autoCommit: false,
    async eachMessage({ partition, message }) {
      let change: OrderChanged;
      try {
        change = events.decode(message).body as OrderChanged;
      } catch (err) {
        // A watcher, not a participant: nothing depends on this message, so it is logged and skipped.
        logger.warn({ partition, offset: message.offset, reason: (err as Error).message }, 'undecodable order event skipped');
        return;
      }
      for (const subscriber of subscribers) subscriber.onChange(change);
    },
  });
  try {
    await joined;
  } finally {
    clearTimeout(timer);
    removeListener?.();
  }
  return {
    subscribe(onChange, onEnd) {
      const subscriber = { onChange, onEnd };
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
    async stop() {
      for (const subscriber of subscribers) subscriber.onEnd();
      subscribers.clear();
      await consumer.disconnect();
    },
  };
}
