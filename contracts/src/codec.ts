import { randomUUID } from 'node:crypto';
import * as avro from 'avsc';
import type { AvroSchema, AvroValue } from './avro-value';
import { Header, type CommandEnvelope, type Correlation, type ReplyEnvelope } from './headers';

/** One message type: its Avro schema, the TypeScript shape of its body, and the fingerprint that names the schema. */
export interface MessageType<T> {
  readonly name: string;
  readonly fingerprint: string;
  encode(body: T): Buffer;
  decode(payload: Buffer): T;
}

/** A message's body type, for declaring it beside its message: `type ChargePayment = BodyOf<typeof ChargePayment>`. */
export type BodyOf<M> = M extends MessageType<infer T> ? T : never;

/** The body type comes from the schema (`const`, so its literals stay literal): the schema is its only declaration. */
export function defineMessage<const S extends AvroSchema>(name: string, schema: S): MessageType<AvroValue<S>> {
  // avsc's typings ask for mutable arrays; it only reads the schema.
  return messageType(name, avro.Type.forSchema(schema as avro.Schema));
}

/** Apart from defineMessage so that T is a plain parameter here: checks on AvroValue<S> with S open never end. */
function messageType<T>(name: string, type: avro.Type): MessageType<T> {
  return {
    name,
    fingerprint: type.fingerprint('sha256').toString('hex'),
    encode(body: T): Buffer {
      const problems: string[] = [];
      // Validate first: avsc would otherwise encode e.g. a float into a long field without complaint.
      if (!type.isValid(body, { errorHook: (path) => problems.push(path.join('.') || '(root)') })) {
        throw new InvalidMessageError('invalid_body', `${name} body does not match its schema at: ${problems.join(', ')}`);
      }
      return type.toBuffer(body);
    },
    decode(payload: Buffer): T {
      // fromBuffer also rejects trailing bytes, so a payload of another (longer) type does not slip through.
      return type.fromBuffer(payload) as T;
    },
  };
}

/** Why a message was refused, in a word: few enough values to count dead letters by (the message says more). */
export type InvalidMessageReason =
  | 'missing_type'
  | 'unknown_type'
  | 'foreign_schema'
  | 'empty_payload'
  | 'invalid_avro'
  | 'missing_headers'
  | 'invalid_header'
  | 'invalid_body';

export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
  constructor(
    readonly reason: InvalidMessageReason,
    message: string,
  ) {
    super(message);
  }
}

/** What kafkajs hands a consumer and accepts from a producer, reduced to what the codec needs. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;
export interface RawMessage {
  key?: Buffer | string | null;
  value: Buffer | null;
  headers?: RawHeaders;
}
export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

export interface Decoded<T> {
  type: MessageType<T>;
  body: T;
  headers: Record<string, string>;
}

/** A set of message types a consumer understands, looked up by the `message-type` header. */
export class MessageRegistry {
  private readonly byName = new Map<string, MessageType<unknown>>();

  constructor(types: MessageType<any>[]) {
    for (const type of types) this.byName.set(type.name, type);
  }

  /**
   * Decodes a Kafka message or throws InvalidMessageError saying why: unknown type, a schema fingerprint that is
   * not ours, or a payload that is not valid Avro for the schema. Nothing is decoded half-way.
   */
  decode(message: RawMessage): Decoded<unknown> {
    const headers = readHeaders(message.headers);
    const typeName = headers[Header.messageType];
    if (!typeName) throw new InvalidMessageError('missing_type', `missing ${Header.messageType} header`);
    const type = this.byName.get(typeName);
    if (!type) throw new InvalidMessageError('unknown_type', `unknown message type ${typeName}`);
    if (headers[Header.schemaFingerprint] !== type.fingerprint) {
      throw new InvalidMessageError(
        'foreign_schema',
        `${typeName}: schema fingerprint ${headers[Header.schemaFingerprint] ?? '(none)'} is not ${type.fingerprint}`,
      );
    }
    if (!message.value) throw new InvalidMessageError('empty_payload', `${typeName}: empty payload`);
    try {
      return { type, body: type.decode(message.value), headers };
    } catch (err) {
      throw new InvalidMessageError('invalid_avro', `${typeName}: payload is not valid Avro (${(err as Error).message})`);
    }
  }
}

/** Kafka headers as text (the first value of a repeated header), as every reader of OmniFlow messages sees them. */
export function readHeaders(raw: RawHeaders | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined) headers[name] = single.toString();
  }
  return headers;
}

function outgoing(type: MessageType<any>, payload: Buffer, key: string, headers: Record<string, string>): OutgoingMessage {
  return {
    key,
    value: payload,
    headers: { ...headers, [Header.messageType]: type.name, [Header.schemaFingerprint]: type.fingerprint },
  };
}

/** The headers a command and its reply share: which saga branch, which activity waits, and the order's trace. */
function correlationHeaders(envelope: Correlation & { idempotencyKey: string; traceparent?: string }): Record<string, string> {
  return {
    [Header.messageId]: randomUUID(),
    [Header.orderId]: envelope.orderId,
    [Header.workflowId]: envelope.workflowId,
    [Header.activityId]: envelope.activityId,
    [Header.idempotencyKey]: envelope.idempotencyKey,
    ...(envelope.traceparent && { [Header.traceparent]: envelope.traceparent }),
  };
}

/** Builds a command keyed by order id, so all of one order's commands land on one partition, in order. */
export function encodeCommand<T>(
  type: MessageType<T>,
  body: T,
  envelope: Omit<CommandEnvelope, 'messageId'>,
): OutgoingMessage {
  return outgoing(type, type.encode(body), envelope.orderId, {
    ...correlationHeaders(envelope),
    [Header.sagaOp]: envelope.sagaOp,
    [Header.replyTo]: envelope.replyTo,
  });
}

/** Builds the reply to a command from an already-encoded body (a stored reply is re-sent byte for byte). */
export function encodeReply(
  type: MessageType<unknown>,
  payload: Buffer,
  envelope: Omit<ReplyEnvelope, 'messageId'>,
): OutgoingMessage {
  return outgoing(type, payload, envelope.orderId, {
    ...correlationHeaders(envelope),
    [Header.causationId]: envelope.causationId,
  });
}

/** Builds an event keyed by order id: which order and workflow it is about; nobody replies to it. */
export function encodeEvent<T>(type: MessageType<T>, body: T, about: { orderId: string; workflowId: string }): OutgoingMessage {
  return outgoing(type, type.encode(body), about.orderId, {
    [Header.messageId]: randomUUID(),
    [Header.orderId]: about.orderId,
    [Header.workflowId]: about.workflowId,
  });
}

/**
 * Builds a message stating the latest value of something, keyed by what it is about (a SKU's availability), for
 * a compacted topic, which keeps the last message of each key.
 */
export function encodeState<T>(type: MessageType<T>, body: T, key: string): OutgoingMessage {
  return outgoing(type, type.encode(body), key, { [Header.messageId]: randomUUID() });
}

/** Reads the command envelope from decoded headers, or names every header that is missing. */
export function commandEnvelope(headers: Record<string, string>): CommandEnvelope {
  const envelope = readEnvelope(headers, [...CORRELATION_HEADERS, Header.sagaOp, Header.replyTo]);
  const sagaOp = envelope[Header.sagaOp];
  if (sagaOp !== 'action' && sagaOp !== 'compensation') throw new InvalidMessageError('invalid_header', `unknown ${Header.sagaOp} ${sagaOp}`);
  return { ...correlation(envelope), sagaOp, replyTo: envelope[Header.replyTo], ...traceOf(headers) };
}

export function replyEnvelope(headers: Record<string, string>): ReplyEnvelope {
  const envelope = readEnvelope(headers, [...CORRELATION_HEADERS, Header.causationId]);
  return { ...correlation(envelope), causationId: envelope[Header.causationId], ...traceOf(headers) };
}

/** The trace context when the sender had one; messages from before tracing have none and are still valid. */
function traceOf(headers: Record<string, string>): { traceparent?: string } {
  const traceparent = headers[Header.traceparent];
  return traceparent ? { traceparent } : {};
}

const CORRELATION_HEADERS = [Header.messageId, Header.orderId, Header.workflowId, Header.activityId, Header.idempotencyKey] as const;
type CorrelationHeader = (typeof CORRELATION_HEADERS)[number];

function correlation(envelope: Record<CorrelationHeader, string>): Correlation & { messageId: string; idempotencyKey: string } {
  return {
    messageId: envelope[Header.messageId],
    orderId: envelope[Header.orderId],
    workflowId: envelope[Header.workflowId],
    activityId: envelope[Header.activityId],
    idempotencyKey: envelope[Header.idempotencyKey],
  };
}

/** The named headers, all present and non-empty, or an InvalidMessageError listing every one that is not. */
function readEnvelope<N extends string>(headers: Record<string, string>, names: readonly N[]): Record<N, string> {
  const missing = names.filter((name) => !headers[name]);
  if (missing.length > 0) throw new InvalidMessageError('missing_headers', `missing ${missing.join(', ')} header${missing.length > 1 ? 's' : ''}`);
  return Object.fromEntries(names.map((name) => [name, headers[name]!])) as Record<N, string>;
}
