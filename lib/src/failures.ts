import { BaseError as SequelizeError, ConnectionError, TimeoutError } from 'sequelize';

/**
 * Kafka errors that no retry can cure: the topic is not there (auto-creation is off, so it will not appear by
 * itself), or the message can never be accepted.
 */
const PERMANENT_KAFKA_ERRORS = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
  'INVALID_TOPIC_EXCEPTION',
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
]);

/** MySQL/driver codes of a server that is restarting, unreachable, or busy: the same statement will succeed later. */
const TRANSIENT_DATABASE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
]);

/** gRPC statuses Temporal's client reports while the server is down or overloaded: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, UNAVAILABLE. */
const TRANSIENT_GRPC_CODES = new Set([4, 8, 10, 14]);

interface ErrorLike {
  name?: string;
  code?: unknown;
  type?: string;
  fatal?: boolean;
  cause?: unknown;
  parent?: unknown;
  original?: unknown;
}

/**
 * - `transient`: the environment's fault (a database, broker or Temporal server down or busy). Retried for as
 *   long as it lasts: dead-lettering a valid command because MySQL was restarting would lose an order.
 * - `permanent`: no retry can cure it (e.g. the reply-to topic does not exist).
 * - `unknown`: most likely the message's own fault (a handler bug meeting odd data), possibly a hiccup.
 */
export type FailureKind = 'transient' | 'permanent' | 'unknown';

export function failureKind(error: unknown): FailureKind {
  const chain = causeChain(error);
  if (chain.some((link) => link.type !== undefined && PERMANENT_KAFKA_ERRORS.has(link.type))) return 'permanent';
  return chain.some(
    (link) =>
      link instanceof ConnectionError ||
      link instanceof TimeoutError ||
      link.name?.startsWith('KafkaJS') === true ||
      link.fatal === true ||
      (typeof link.code === 'string' && TRANSIENT_DATABASE_CODES.has(link.code)) ||
      (typeof link.code === 'number' && TRANSIENT_GRPC_CODES.has(link.code) && !(link instanceof SequelizeError)),
  )
    ? 'transient'
    : 'unknown';
}

/** The error and everything it wraps: kafkajs nests in `cause`, Sequelize in `parent`/`original`. */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let link: unknown = error;
  while (link && typeof link === 'object' && !chain.includes(link as ErrorLike) && chain.length < 10) {
    const current = link as ErrorLike;
    chain.push(current);
    link = current.cause ?? current.parent ?? current.original;
  }
  return chain;
}
