import { HEARTBEAT_MS, RETRY_MS } from '../admin/event-routes';
import { DEFAULT_MESSAGE_LIMIT, MAX_CONCURRENT_READS, MAX_MESSAGE_LIMIT, OFFSET, PARTITION } from '../admin/topic-routes';
import { ORDER_ID, SKU } from '../orders/request';
import { BEARER, header, json, operation, problem, unauthenticated, type Operation, type PathItem } from './parts';
import { ref } from './json-schema';

const topic = {
  name: 'topic',
  in: 'path',
  required: true,
  description: 'One of the topics OmniFlow uses, with this stack\'s prefix, as `GET /api/v1/admin/topics` lists them.',
  schema: { type: 'string' },
};
const invalid = problem('A malformed, unknown or repeated parameter.', ['invalid_request']);
const noTopic = problem('Not a topic OmniFlow uses.', ['topic_not_found']);
const tooManyReads = problem(`${MAX_CONCURRENT_READS} topic reads are under way already; retry after the given seconds.`, ['too_many_reads'], {
  'Retry-After': header('Seconds.', { type: 'integer' }),
});

/**
 * The stream's events as OpenAPI 3.2 models Server-Sent Events (each event an object of its fields, `data` a
 * string), said with the content keywords JSON Schema 2020-12 already has, so that OrderChange is stated as the
 * body it is. Only `order` events are dispatched: the `retry` line and heartbeat comments carry no data.
 */
const orderEventStream = {
  type: 'string',
  contentMediaType: 'text/event-stream',
  contentSchema: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        event: { const: 'order' },
        data: { type: 'string', contentMediaType: 'application/json', contentSchema: ref('OrderChange') },
      },
      required: ['event', 'data'],
    },
  },
};

/** Every admin operation: read-only, for staff; no token is a 401, a customer's token a 403. */
const staffOperation = (spec: Operation) =>
  operation({
    ...spec,
    tags: ['admin'],
    security: BEARER,
    responses: { ...spec.responses, 401: unauthenticated, 403: problem('The caller is not staff (auditor or operator).', ['forbidden']) },
  });

export const adminPaths: Record<string, PathItem> = {
  '/api/v1/admin/topics': {
    get: staffOperation({
      operationId: 'listTopics',
      summary: "OmniFlow's Kafka topics: partitions' end offsets and each consumer group's lag",
      responses: { 200: json('The topics, by name.', ref('TopicList')) },
    }),
  },
  '/api/v1/admin/topics/{topic}/messages': {
    get: staffOperation({
      operationId: 'listTopicMessages',
      summary: "A topic's messages, decoded from Avro, from its start",
      parameters: [
        topic,
        { name: 'orderId', in: 'query', description: "Only this order's messages (the message key).", schema: { type: 'string', pattern: ORDER_ID.source } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_MESSAGE_LIMIT, default: DEFAULT_MESSAGE_LIMIT } },
      ],
      responses: { 200: json('The messages.', ref('KafkaMessageList')), 400: invalid, 404: noTopic, 429: tooManyReads },
    }),
  },
  '/api/v1/admin/topics/{topic}/messages/{partition}/{offset}': {
    get: staffOperation({
      operationId: 'getTopicMessage',
      summary: 'One message, decoded from Avro, at its position',
      parameters: [
        topic,
        { name: 'partition', in: 'path', required: true, schema: { type: 'string', pattern: PARTITION.source } },
        { name: 'offset', in: 'path', required: true, schema: { type: 'string', pattern: OFFSET.source } },
      ],
      responses: {
        200: json('The message.', ref('KafkaMessage')),
        400: invalid,
        404: problem('Not a topic OmniFlow uses, or no message at that position (past the end, or deleted).', ['topic_not_found', 'message_not_found']),
        429: tooManyReads,
      },
    }),
  },
  '/api/v1/admin/stock': {
    get: staffOperation({
      operationId: 'listStock',
      summary: "Each SKU's units per warehouse (available, reserved, shipped), as the inventory service reports them",
      parameters: [{ name: 'sku', in: 'query', description: 'Only this SKU.', schema: { type: 'string', pattern: SKU.source } }],
      responses: {
        200: json('The stock levels.', ref('StockList')),
        400: invalid,
        503: problem('The inventory service is not configured or not answering; retry after the given seconds.', ['inventory_unavailable'], {
          'Retry-After': header('Seconds.', { type: 'integer' }),
        }),
      },
    }),
  },
  '/api/v1/admin/events': {
    get: staffOperation({
      operationId: 'orderEvents',
      summary: 'Order changes as they happen, as Server-Sent Events',
      description:
        'Send the token in the Authorization header as everywhere (read the stream with fetch: EventSource cannot send ' +
        'headers, and a token in the URL would end up in logs).',
      responses: {
        200: {
          description:
            `An endless stream: \`retry: ${RETRY_MS}\`, then one \`event: order\` per order change whose \`data\` is an ` +
            `OrderChange as JSON, and a \`: heartbeat\` comment every ${HEARTBEAT_MS / 1000} s.`,
          headers: { 'Cache-Control': header('Always `no-store`.') },
          content: { 'text/event-stream': { schema: orderEventStream } },
        },
      },
    }),
  },
  '/api/v1/admin/console': {
    get: staffOperation({
      operationId: 'consoleInfo',
      summary: 'Who is signed in, and where the console links to',
      responses: { 200: json('The caller and the links.', ref('ConsoleInfo')) },
    }),
  },
};
