import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { MessageRegistry, StockAvailability, availabilityTopic } from '@omniflow/contracts';
import { consumerTuning, type Logger } from '@omniflow/lib';
import { AvailabilityBook } from './book';

const messages = new MessageRegistry([StockAvailability]);
/** After a failed look-up of the topic's end offsets (Kafka down), the next try comes this much later. */
const RETRY_ENDS_MS = 1_000;

export interface AvailabilityFeed {
  book: AvailabilityBook;
  stop(): Promise<void>;
}

/**
 * Reads the availability topic from its start into an AvailabilityBook, for as long as the gateway runs. Its
 * consumer group is this instance's own (a random id) and commits nothing, so every start reads the whole
 * compacted topic again and leaves nothing behind in Kafka; kafkajs has no group-less consumer. Start-up does not
 * wait for it: until the book has caught up it refuses nothing, and orders go to their workflows as before.
 */
export async function startAvailabilityFeed(kafka: Kafka, admin: Admin, topicPrefix: string, logger: Logger): Promise<AvailabilityFeed> {
  const topic = availabilityTopic(topicPrefix);
  const book = new AvailabilityBook();
  const consumer = kafka.consumer({ groupId: `${topicPrefix}gateway-availability-${randomUUID()}`, ...consumerTuning });
  let stopped = false;
  let joins = 0;

  /** The ends as of this join; a later join's look-up supersedes this one's. */
  const learnEnds = async (join: number): Promise<void> => {
    while (!stopped && join === joins) {
      try {
        const ends = await admin.fetchTopicOffsets(topic);
        if (join === joins) book.catchUpTo(ends);
        return;
      } catch (err) {
        logger.warn({ err, topic }, 'availability: end offsets not known yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_ENDS_MS));
      }
    }
  };
  consumer.on(consumer.events.FETCH, () => book.fetched());
  consumer.on(consumer.events.GROUP_JOIN, () => {
    book.rejoined();
    void learnEnds(++joins);
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    async eachMessage({ partition, message }) {
      try {
        book.record(messages.decode(message).body as StockAvailability);
      } catch (err) {
        // Knowledge, not a command: a message this gateway cannot read only leaves it knowing less.
        logger.warn({ partition, offset: message.offset, reason: (err as Error).message }, 'undecodable availability skipped');
      }
      book.read(partition, message.offset);
    },
  });
  return {
    book,
    async stop() {
      stopped = true;
      await consumer.disconnect();
    },
  };
}
