import type { KafkaMessage } from 'kafkajs';
import { InvalidMessageError, type Correlation, type Decoded, type MessageRegistry } from '@omniflow/contracts';
import type { Logger } from './logger';

export interface Received<E> {
  decoded: Decoded<unknown>;
  envelope: E;
  /** Carries orderId, workflowId, messageId and messageType on every line. */
  log: Logger;
}

/**
 * Decodes a consumed message and reads its envelope. One that does not decode is logged with the reason and
 * its position and yields undefined: the caller skips it, with no effect, and its offset is committed.
 */
export function receive<E extends Correlation & { messageId: string }>(
  registry: MessageRegistry,
  readEnvelope: (headers: Record<string, string>) => E,
  message: KafkaMessage,
  position: { topic: string; partition: number },
  logger: Logger,
): Received<E> | undefined {
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
    logger.error({ ...position, offset: message.offset, reason: err.message }, 'rejected undecodable message');
    return undefined;
  }
}
