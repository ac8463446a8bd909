import type { KafkaMessage, Producer } from 'kafkajs';
import { Header, InvalidMessageError, type Correlation, type Decoded, type MessageRegistry } from '@omniflow/contracts';
import { publish } from './kafka';
import type { Logger } from './logger';

export interface Received<E> {
  decoded: Decoded<unknown>;
  envelope: E;
  /** Carries orderId, workflowId, messageId and messageType on every line. */
  log: Logger;
}

/** Where messages that cannot be processed go (undecodable, or failing for a reason of their own), and who sends them. */
export interface DeadLetters {
  producer: Producer;
  topic: string;
  consumer: string;
}

/**
 * Decodes a consumed message and reads its envelope. One that does not decode is copied, bytes and headers
 * as they came, to the dead-letter topic with the reason and its position, logged, and yields undefined: the
 * caller skips it, with no effect, and its offset is committed only after the dead letter is written.
 */
export async function receive<E extends Correlation & { messageId: string }>(
  registry: MessageRegistry,
  readEnvelope: (headers: Record<string, string>) => E,
  message: KafkaMessage,
  position: Position,
  deadLetters: DeadLetters,
  logger: Logger,
): Promise<Received<E> | undefined> {
  try {
    const decoded = registry.decode(message);
    const envelope = readEnvelope(decoded.headers);
    const log = logger.child({
      orderId: envelope.orderId,
      workflowId: envelope.workflowId,
      messageId: envelope.messageId,
      messageType: decoded.type.name,
    });
    return { decoded, envelope, log };
  } catch (err) {
    if (!(err instanceof InvalidMessageError)) throw err;
    await deadLetter(deadLetters, message, position, err.message, logger);
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
 * from in its headers, and logs it. The caller then lets its offset be committed: the message had no effect.
 */
export async function deadLetter(deadLetters: DeadLetters, message: KafkaMessage, position: Position, reason: string, logger: Logger): Promise<void> {
  const source = `${position.topic}/${position.partition}/${position.offset}`;
  await publish(deadLetters.producer, deadLetters.topic, {
    key: message.key,
    value: message.value,
    headers: { ...message.headers, [Header.deadLetterReason]: reason, [Header.deadLetterSource]: `${deadLetters.consumer}@${source}` },
  });
  logger.error({ ...position, reason, deadLetterTopic: deadLetters.topic }, 'message dead-lettered');
}
