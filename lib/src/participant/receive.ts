import type { KafkaMessage, Producer } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';
import { Header, InvalidMessageError, readHeaders, type Correlation, type Decoded, type MessageRegistry } from '@omniflow/contracts';
import { publish } from '../kafka';
import type { Logger } from '../logger';

export interface Received<E> {
  decoded: Decoded<unknown>;
  envelope: E;
  /** Carries orderId, workflowId, messageId and messageType on every line. */
  log: Logger;
}

/**
 * Where messages that cannot be processed go (undecodable, or failing for a reason of their own), who sends
 * them, and where they are counted.
 */
export interface DeadLetters {
  producer: Producer;
  topic: string;
  consumer: string;
  counter: DeadLetterCounter;
}

export type DeadLetterCounter = Counter<'consumer' | 'topic' | 'reason'>;

/** `omniflow_dead_letters_total{consumer,topic,reason}`: messages refused without effect, by why (a short code). */
export function deadLetterCounter(registry: Registry): DeadLetterCounter {
  return new Counter({
    name: 'omniflow_dead_letters_total',
    help: 'Messages refused without effect and copied to the dead-letter topic, by consumer, source topic and reason',
    labelNames: ['consumer', 'topic', 'reason'] as const,
    registers: [registry],
  });
}

/**
 * Decodes a consumed message and reads its envelope. One that does not decode is dead-lettered (see
 * deadLetter) and yields undefined: the caller skips it, with no effect, and its offset is committed only after
 * the dead letter is written. `bindings` (trace ids, say) go on the message's logger with its ids: one child
 * logger per message, as a participant makes one per command.
 */
export async function receive<E extends Correlation & { messageId: string }>(
  registry: MessageRegistry,
  readEnvelope: (headers: Record<string, string>) => E,
  message: KafkaMessage,
  position: Position,
  deadLetters: DeadLetters,
  logger: Logger,
  bindings: Record<string, unknown> = {},
): Promise<Received<E> | undefined> {
  try {
    const decoded = registry.decode(message);
    const envelope = readEnvelope(decoded.headers);
    const log = logger.child({
      ...bindings,
      orderId: envelope.orderId,
      workflowId: envelope.workflowId,
      messageId: envelope.messageId,
      messageType: decoded.type.name,
    });
    return { decoded, envelope, log };
  } catch (err) {
    if (!(err instanceof InvalidMessageError)) throw err;
    await deadLetter(deadLetters, message, position, { code: err.reason, message: err.message }, logger.child(bindings));
    return undefined;
  }
}

export interface Position {
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Copies a message, bytes and headers as they came, to the dead-letter topic with the reason and where it came
 * from in its headers, counts it under the reason's short code, and logs it with whatever order, workflow and
 * message ids its headers carry. The caller then lets its offset be committed.
 */
export async function deadLetter(
  deadLetters: DeadLetters,
  message: KafkaMessage,
  position: Position,
  reason: { code: string; message: string },
  logger: Logger,
): Promise<void> {
  const source = `${position.topic}/${position.partition}/${position.offset}`;
  await publish(deadLetters.producer, deadLetters.topic, {
    key: message.key,
    value: message.value,
    headers: { ...message.headers, [Header.deadLetterReason]: reason.message, [Header.deadLetterSource]: `${deadLetters.consumer}@${source}` },
  });
  deadLetters.counter.inc({ consumer: deadLetters.consumer, topic: position.topic, reason: reason.code });
  const headers = readHeaders(message.headers);
  logger.error(
    {
      orderId: headers[Header.orderId] ?? message.key?.toString(),
      workflowId: headers[Header.workflowId],
      messageId: headers[Header.messageId],
      messageType: headers[Header.messageType],
      ...position,
      reason: reason.message,
      deadLetterTopic: deadLetters.topic,
    },
    'message dead-lettered',
  );
}
