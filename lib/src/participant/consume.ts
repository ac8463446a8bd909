import type { Kafka, KafkaMessage } from 'kafkajs';
import { failureKind } from '../failures';
import { consumerTuning } from '../kafka';
import type { Logger } from '../logger';
import { deadLetter, type DeadLetters, type Position } from './receive';

/** A message that fails for an unknown reason is tried this often before it is dead-lettered. */
export const ATTEMPTS_BEFORE_DEAD_LETTER = 3;
const FIRST_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 5_000;
/** A waiting consumer heartbeats at least this often, well inside the 10 s session timeout. */
const HEARTBEAT_EVERY_MS = 1_000;
/**
 * How many partitions one consumer works on at once. A member is only handed the partitions the group assigns
 * it, so this bounds concurrency, not which partitions it reads: any topic size works.
 */
const PARTITIONS_AT_ONCE = 16;

/** One fetched message and where it came from. */
export interface Delivery {
  message: KafkaMessage;
  position: Position;
}

export interface ReliableConsumerOptions<T extends Delivery> {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetters: DeadLetters;
  logger: Logger;
  /** At most this many messages of one partition go to `process` together; 1 processes them one by one. */
  maxBatch: number;
  /**
   * Reads a message once, before any attempt to process it (decoding, say); undefined when it needs no
   * processing (it was dead-lettered, or refused without effect). Its offset is committed with its batch's.
   */
  accept(delivery: Delivery): Promise<T | undefined>;
  /**
   * Handles a batch completely (effects and any replies), in the order given; the batch's offsets are committed
   * only after it resolves. It must be safe to run again on the same batch or any part of it (a retry, a
   * redelivery): participants make it so with the saga barrier.
   */
  process(batch: T[]): Promise<void>;
}

export interface ReliableConsumer {
  /** Finishes the batch in hand (or abandons its retries, uncommitted), then leaves the group. */
  stop(): Promise<void>;
}

/**
 * Consumes `topics` from the start of what the group has not committed. Each partition's fetched messages are
 * taken in offset order, up to `maxBatch` at a time — never waiting for more to arrive, so a lone message goes
 * alone — and a batch's offsets are committed only once `process` has finished with all of it.
 *
 * A failure is retried in place, with exponential backoff, so the partition's order is kept:
 * - transient (a database, broker or Temporal server down): the whole batch, for as long as it lasts;
 * - any other failure of a batch of several: its messages are processed one by one instead, in order, so one
 *   message failing for a reason of its own holds back none of the others;
 * - a single message failing for an unknown reason: `ATTEMPTS_BEFORE_DEAD_LETTER` times; permanently: not at all.
 * A message given up on goes to the dead-letter topic with the error as its reason, and the partition moves on.
 */
export async function consumeReliably<T extends Delivery>(options: ReliableConsumerOptions<T>): Promise<ReliableConsumer> {
  const { kafka, groupId, topics, deadLetters, logger, maxBatch } = options;
  let stopping = false;
  const consumer = kafka.consumer({ groupId, ...consumerTuning });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });

  async function settle(batch: T[], heartbeat: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.process(batch);
        return;
      } catch (err) {
        // Shutting down: leave the offsets uncommitted, the partition's next owner redelivers the batch.
        if (stopping) throw err;
        const kind = failureKind(err);
        if (kind !== 'transient' && batch.length > 1) {
          logger.warn({ err, ...batch[0]!.position, size: batch.length, failure: kind }, 'batch failed; processing its messages one by one');
          for (const one of batch) await settle([one], heartbeat);
          return;
        }
        const { message, position } = batch[0]!;
        if (kind === 'permanent' || (kind === 'unknown' && attempt >= ATTEMPTS_BEFORE_DEAD_LETTER)) {
          await deadLetter(deadLetters, message, position, { code: `${kind}_failure`, message: `${kind} failure (attempt ${attempt}): ${(err as Error).message}` }, logger);
          return;
        }
        const delayMs = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
        logger.warn({ err, ...position, size: batch.length, attempt, failure: kind, retryInMs: delayMs }, 'batch failed; retrying');
        await waitInGroup(delayMs, heartbeat, () => stopping);
      }
    }
  }

  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    eachBatchAutoResolve: false,
    async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) {
      const { topic, partition } = batch;
      for (let start = 0; start < batch.messages.length; start += maxBatch) {
        // A rebalance or a stop since the fetch: what is left belongs to the partition's next owner.
        if (!isRunning() || isStale()) return;
        const messages = batch.messages.slice(start, start + maxBatch);
        const accepted: T[] = [];
        for (const message of messages) {
          const item = await options.accept({ message, position: { topic, partition, offset: message.offset } });
          if (item) accepted.push(item);
        }
        if (accepted.length > 0) await settle(accepted, heartbeat);
        const last = messages.at(-1)!.offset;
        resolveOffset(last);
        await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: (BigInt(last) + 1n).toString() }] }] });
        await heartbeat();
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
