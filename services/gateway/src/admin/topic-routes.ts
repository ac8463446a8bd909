import { Router, type RequestHandler } from 'express';
import { z } from 'zod/v4';
import { HttpError } from '../http/errors';
import { limitParam, parseWith } from '../http/validate';
import { ORDER_ID } from '../orders/request';
import type { AdminDeps, TopicInspector } from './admin-deps';
import { authenticateStaff } from './staff';

export const DEFAULT_MESSAGE_LIMIT = 50;
export const MAX_MESSAGE_LIMIT = 500;
/**
 * Each read joins Kafka with a throw-away consumer group, which costs the broker a group and takes a second
 * or two: a few at a time is plenty for people looking, and a runaway client gets 429 instead.
 */
export const MAX_CONCURRENT_READS = 2;

const messagesQuery = z
  .object({
    orderId: z.string().regex(ORDER_ID, 'must be a UUID').optional(),
    limit: limitParam(MAX_MESSAGE_LIMIT).optional(),
  })
  .strict();

/** A message's position as the path states it; an offset may exceed 2^53, so it stays a string. */
export const PARTITION = /^\d{1,4}$/;
export const OFFSET = /^\d{1,19}$/;

const position = z.object({
  partition: z.string().regex(PARTITION, 'must be a partition number').transform(Number),
  offset: z.string().regex(OFFSET, 'must be a whole number'),
});

/** GET /api/v1/admin/topics[/:topic/messages[/:partition/:offset]]: Kafka, decoded, for staff. */
export function topicRoutes({ topics, authSecret }: AdminDeps): Router {
  let reading = 0;
  /** Runs one Kafka read if fewer than MAX_CONCURRENT_READS are under way, else refuses with 429. */
  async function read<T>(work: () => Promise<T>): Promise<T> {
    if (reading >= MAX_CONCURRENT_READS) {
      throw new HttpError(429, 'too_many_reads', `at most ${MAX_CONCURRENT_READS} topic reads at a time; try again shortly`, { 'Retry-After': '2' });
    }
    reading++;
    try {
      return await work();
    } finally {
      reading--;
    }
  }

  const list: RequestHandler = async (req, res) => {
    authenticateStaff(req, authSecret);
    res.json({ topics: await topics.describe() });
  };

  const messages: RequestHandler = async (req, res) => {
    authenticateStaff(req, authSecret);
    const topic = knownTopic(topics, req.params.topic);
    const { orderId, limit } = parseWith(messagesQuery, req.query, 'query');
    const found = await read(() => topics.messages(topic, { orderId: orderId ?? null, limit: limit ?? DEFAULT_MESSAGE_LIMIT }));
    res.json({ messages: found });
  };

  const message: RequestHandler = async (req, res) => {
    authenticateStaff(req, authSecret);
    const topic = knownTopic(topics, req.params.topic);
    const { partition, offset } = parseWith(position, req.params, 'path');
    const found = await read(() => topics.message(topic, partition, offset));
    if (!found) throw new HttpError(404, 'message_not_found', `no message at ${topic}/${partition}/${offset}`);
    res.json(found);
  };

  return Router()
    .get('/api/v1/admin/topics', list)
    .get('/api/v1/admin/topics/:topic/messages', messages)
    .get('/api/v1/admin/topics/:topic/messages/:partition/:offset', message);
}

function knownTopic(topics: TopicInspector, name: unknown): string {
  if (typeof name !== 'string' || !topics.topics.includes(name)) {
    throw new HttpError(404, 'topic_not_found', `no topic ${name}; the topics are ${topics.topics.join(', ')}`);
  }
  return name;
}
