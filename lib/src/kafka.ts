import { Kafka, Partitioners, logLevel, type Message, type Producer } from 'kafkajs';
import type { Logger } from './logger';

export function createKafka(clientId: string, brokers: string[], logger: Logger): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const { message, ...extra } = log;
        if (level <= logLevel.ERROR) logger.error({ kafka: extra }, message);
        else logger.warn({ kafka: extra }, message);
      },
    // kafkajs backs off exponentially to 30 s by default; right after a broker restart ("coordinator is loading")
    // that leaves a consumer idle long after the broker is back. Retry often, for about as long in total.
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 15 },
  });
}

/**
 * The one producer of a process. Idempotent, so a retried send inside kafkajs does not write the message twice,
 * and acks=-1 (all in-sync replicas) so a message the caller saw as sent survives a broker restart.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // murmur2 on the key, as the Java client does: an order id maps to the same partition whoever produces it.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}

/**
 * Messages written in one request, acknowledged by all in-sync replicas (a participant sends a batch's replies in
 * one sendBatch, with the same acks).
 */
export async function publish(producer: Producer, topic: string, ...messages: Message[]): Promise<void> {
  await producer.send({ topic, acks: -1, messages });
}

/**
 * Consumer settings for request/reply traffic. The fetch returns as soon as one message is there, and an idle
 * fetch waits 100 ms instead of kafkajs' default 5 s, which otherwise shows up as latency after quiet periods.
 * A member that dies is noticed within 10 s (session) and a rebalance waits at most 10 s for the others to
 * rejoin (kafkajs' default is 60 s), so a killed consumer stalls its group's partitions for seconds, not a
 * minute. Handlers take milliseconds, so 10 s leaves ample time to finish the message in hand.
 */
export const consumerTuning = {
  maxWaitTimeInMs: 100,
  minBytes: 1,
  sessionTimeout: 10_000,
  rebalanceTimeout: 10_000,
  heartbeatInterval: 1_000,
  allowAutoTopicCreation: false,
} as const;
