import { ActivityNotFoundError, type Client } from '@temporalio/client';
import type { Consumer, Kafka } from 'kafkajs';
import {
  ALL_REPLY_TYPES,
  InvalidMessageError,
  MessageRegistry,
  SERVICES,
  TOPIC_PARTITIONS,
  replyEnvelope,
  replyTopic,
} from '@omniflow/contracts';
import { lowLatencyConsumer, type Logger } from '@omniflow/lib';

/**
 * Routes every participant's reply to the activity waiting for it, by workflow id + activity id from the reply's
 * headers. Any orchestrator instance can complete any activity, so replies need no sticky routing.
 */
export async function startReplyConsumer(
  kafka: Kafka,
  client: Client,
  topicPrefix: string,
  logger: Logger,
): Promise<Consumer> {
  const registry = new MessageRegistry(ALL_REPLY_TYPES);
  const consumer = kafka.consumer({ groupId: `${topicPrefix}orchestrator`, ...lowLatencyConsumer });
  await consumer.connect();
  await consumer.subscribe({ topics: SERVICES.map((service) => replyTopic(service, topicPrefix)), fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: TOPIC_PARTITIONS,
    async eachMessage({ topic, partition, message }) {
      let decoded;
      let envelope;
      try {
        decoded = registry.decode(message);
        envelope = replyEnvelope(decoded.headers);
      } catch (err) {
        if (!(err instanceof InvalidMessageError)) throw err;
        logger.error({ topic, partition, offset: message.offset, reason: err.message }, 'rejected undecodable reply');
        return;
      }
      const log = logger.child({
        orderId: envelope.orderId,
        workflowId: envelope.workflowId,
        messageId: envelope.messageId,
        messageType: decoded.type.name,
      });
      try {
        await client.activity.complete({ workflowId: envelope.workflowId, activityId: envelope.activityId }, decoded.body);
        log.info({ activityId: envelope.activityId }, 'activity completed by reply');
      } catch (err) {
        // A second reply to one command (a redelivery answered from the dedup table) finds the activity done.
        if (!(err instanceof ActivityNotFoundError)) throw err;
        log.info({ activityId: envelope.activityId }, 'reply for an activity no longer waiting; ignored');
      }
    },
  });
  return consumer;
}
