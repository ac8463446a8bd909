import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { ALL_COMMAND_TYPES, ALL_EVENT_TYPES, ALL_REPLY_TYPES, Header, MessageRegistry } from '@omniflow/contracts';

/** Every message type OmniFlow sends, for decoding whatever topic is being looked at. */
const everyType = new MessageRegistry([...ALL_COMMAND_TYPES, ...ALL_REPLY_TYPES, ...ALL_EVENT_TYPES]);

export interface TopicSummary {
  topic: string;
  partitions: { partition: number; endOffset: string }[];
  /** Per consumer group reading the topic: messages not yet committed, summed over partitions. */
  lag: Record<string, number>;
}

/** Topics (those starting with `prefix`), their partitions' end offsets, and each consumer group's lag. */
export async function describeTopics(admin: Admin, prefix: string): Promise<TopicSummary[]> {
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix) && !topic.startsWith('__')).sort();
  const { groups } = await admin.listGroups();
  const summaries: TopicSummary[] = [];
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const lag: Record<string, number> = {};
    for (const { groupId } of groups) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const offsets = committed?.partitions ?? [];
      if (offsets.every(({ offset }) => offset === '-1')) continue; // this group does not read this topic
      lag[groupId] = lagByPartition(ends, offsets).reduce((sum, { lag: behind }) => sum + behind, 0);
    }
    summaries.push({ topic, partitions: ends.map(({ partition, high }) => ({ partition, endOffset: high })).sort((a, b) => a.partition - b.partition), lag });
  }
  return summaries;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/** One consumer group's lag on each partition of its topics, for a scrape: its offsets, then each topic's ends. */
export async function groupLag(admin: Admin, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags = await Promise.all(
    committed.map(async ({ topic, partitions }) =>
      lagByPartition(await admin.fetchTopicOffsets(topic), partitions).map(({ partition, lag }) => ({ topic, partition, lag })),
    ),
  );
  return lags.flat();
}

/**
 * Messages not yet committed, per partition: end offset minus committed offset. A partition the group never
 * committed on (-1) counts from 0, as a consumer starting from the beginning would read it.
 */
export function lagByPartition(
  ends: { partition: number; high: string }[],
  committed: { partition: number; offset: string }[],
): { partition: number; lag: number }[] {
  return ends
    .map(({ partition, high }) => {
      const at = committed.find((entry) => entry.partition === partition)?.offset ?? '-1';
      return { partition, lag: Number(high) - Math.max(0, Number(at)) };
    })
    .sort((a, b) => a.partition - b.partition);
}

export interface ReadableMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  timestamp: string;
  headers: Record<string, string>;
  type: string | null;
  /** The Avro body as JSON, or null when it does not decode (`error` says why: a dead letter's, usually). */
  body: unknown;
  error: string | null;
}

/** A message as a person wants to read it: headers as text, the body decoded by its message-type header. */
export function readable(topic: string, partition: number, message: KafkaMessage): ReadableMessage {
  const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
  const base = { topic, partition, offset: message.offset, key: message.key?.toString() ?? null, timestamp: new Date(Number(message.timestamp)).toISOString(), headers };
  try {
    const decoded = everyType.decode(message);
    return { ...base, type: decoded.type.name, body: decoded.body, error: null };
  } catch (err) {
    return { ...base, type: headers[Header.messageType] ?? null, body: null, error: (err as Error).message };
  }
}

export interface ReadOptions {
  /** Start here (with `partition`); otherwise from the beginning of every partition. */
  partition?: number;
  offset?: string;
  /** Only messages of this order (the Kafka key). */
  orderId?: string;
  /** Stop after this many matching messages. */
  limit: number;
  /** Stop when no new message came for this long (a tail that has caught up); Infinity follows until stopped. */
  idleMs: number;
}

/** Reads a topic with a throw-away consumer group (commits nothing that any service uses). */
export async function readMessages(kafka: Kafka, topic: string, options: ReadOptions, onMessage: (message: ReadableMessage) => void): Promise<number> {
  const consumer = kafka.consumer({ groupId: `omniflow-inspect-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let idle: NodeJS.Timeout | undefined;
  await new Promise<void>((done, fail) => {
    const restartIdle = () => {
      clearTimeout(idle);
      // No timer for an endless follow: Node fires setTimeout(fn, Infinity) after 1 ms, not never.
      if (Number.isFinite(options.idleMs)) idle = setTimeout(done, options.idleMs);
    };
    restartIdle();
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          restartIdle();
          if (options.partition !== undefined && partition !== options.partition) return;
          if (options.offset !== undefined && BigInt(message.offset) < BigInt(options.offset)) return;
          if (options.orderId && message.key?.toString() !== options.orderId) return;
          if (seen >= options.limit) return;
          onMessage(readable(topic, partition, message));
          if (++seen >= options.limit) done();
        },
      })
      .catch(fail);
    if (options.partition !== undefined && options.offset !== undefined) consumer.seek({ topic, partition: options.partition, offset: options.offset });
  });
  clearTimeout(idle);
  await consumer.disconnect();
  return seen;
}
