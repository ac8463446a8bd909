/** What the admin operations answer: Kafka topics and messages, and stock levels. */
import { z } from 'zod/v4';
import { count, offset, timestamp } from './fields';

export const topicSummary = z.strictObject({
  topic: z.string(),
  partitions: z.array(z.strictObject({ partition: count, endOffset: offset })),
  lag: z.record(z.string(), count).describe('Per consumer group reading the topic: messages not yet committed.'),
});
export const topicList = z.strictObject({ topics: z.array(topicSummary) });

export const kafkaMessage = z.strictObject({
  topic: z.string(),
  partition: count,
  offset,
  key: z.string().nullable(),
  timestamp,
  headers: z.record(z.string(), z.string()),
  type: z.string().nullable().describe('The message type, e.g. `inventory.ReserveStock`.'),
  body: z.unknown().describe('The Avro body as JSON; null when it does not decode (then `error` says why).'),
  error: z.string().nullable(),
});
export const kafkaMessageList = z
  .strictObject({ messages: z.array(kafkaMessage) })
  .describe('From the start of the topic, oldest first within each partition.');

export const stockLevel = z.strictObject({ sku: z.string(), warehouseId: z.string(), available: count, reserved: count, shipped: count });
export const stockList = z.strictObject({ stock: z.array(stockLevel) });
