import type { Kafka, KafkaMessage } from 'kafkajs';
import { TOPIC_PARTITIONS } from '@omniflow/contracts';
import { failureKind } from './failures';
import { consumerTuning } from './kafka';
import type { Logger } from './logger';
import { deadLetter, type DeadLetters, type Position } from './receive';

/** A message that fails for an unknown reason is tried this often before it is dead-lettered. */
export const ATTEMPTS_BEFORE_DEAD_LETTER = 3;
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 5_000;
/** A waiting consumer heartbeats at least this often, well inside the 10 s session timeout. */
const HEARTBEAT_EVERY_MS = 1_000;

export interface ReliableConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetters: DeadLetters;
  logger: Logger;
  /** Handles one message completely (effect and any reply); the offset is committed only after it resolves. */
  process(message: KafkaMessage, position: Position): Promise<void>;
}

export interface ReliableConsumer {
  /** Finishes the message in hand (or abandons its retries, uncommitted), then leaves the group. */
  stop(): Promise<void>;
}

/**
 * Consumes `topics` from the start of what the group has not committed, one message at a time per partition,
 * committing a message's offset only once `process` has finished with it. A failure is retried in place, with
 * exponential backoff, so the partition's order is kept: for as long as it lasts when it is transient (a
 * database, broker or Temporal server down), `ATTEMPTS_BEFORE_DEAD_LETTER` times when its cause is unknown, not
 * at all when it is permanent. A message given up on goes to the dead-letter topic with the error as its reason,
 * and the partition moves on.
 */
export async function consumeReliably(options: ReliableConsumerOptions): Promise<ReliableConsumer> {
  const { kafka, groupId, topics, deadLetters, logger } = options;
  let stopping = false;
  const consumer = kafka.consumer({ groupId, ...consumerTuning });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: TOPIC_PARTITIONS,
    async eachMessage({ topic, partition, message, heartbeat }) {
      const position = { topic, partition, offset: message.offset };
      for (let attempt = 1; ; attempt++) {
        try {
          await options.process(message, position);
          return;
        } catch (err) {
          // Shutting down: leave the offset uncommitted, the partition's next owner redelivers the message.
          if (stopping) throw err;
          const kind = failureKind(err);
          if (kind === 'permanent' || (kind === 'unknown' && attempt >= ATTEMPTS_BEFORE_DEAD_LETTER)) {
            await deadLetter(deadLetters, message, position, { code: `${kind}_failure`, message: `${kind} failure (attempt ${attempt}): ${(err as Error).message}` }, logger);
            return;
          }
          const delayMs = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
          logger.warn({ err, ...position, attempt, failure: kind, retryInMs: delayMs }, 'message failed; retrying');
          await waitInGroup(delayMs, heartbeat, () => stopping);
        }
      }
    },
  });
  return {
    async stop() {
      stopping = true;
      await consumer.disconnect();
    },
  };
}

/** Waits while staying a live member of the group (a silent consumer would lose its partitions mid-retry). */
async function waitInGroup(delayMs: number, heartbeat: () => Promise<void>, stopping: () => boolean): Promise<void> {
  for (let waited = 0; waited < delayMs && !stopping(); waited += HEARTBEAT_EVERY_MS) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(HEARTBEAT_EVERY_MS, delayMs - waited)));
    await heartbeat();
  }
}
