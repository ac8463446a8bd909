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

/** Where undecodable messages go, and who is writing them there. */
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
  position: { topic: string; partition: number },
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
    const source = `${position.topic}/${position.partition}/${message.offset}`;
    await publish(deadLetters.producer, deadLetters.topic, {
      key: message.key,
      value: message.value,
      headers: { ...message.headers, [Header.deadLetterReason]: err.message, [Header.deadLetterSource]: `${deadLetters.consumer}@${source}` },
    });
    logger.error({ ...position, offset: message.offset, reason: err.message, deadLetterTopic: deadLetters.topic }, 'rejected undecodable message');
    return undefined;
  }
}
