import { ActivityNotFoundError, type Client } from '@temporalio/client';
import type { Kafka, Producer } from 'kafkajs';
import { ALL_REPLY_TYPES, MessageRegistry, SERVICES, deadLetterTopic, replyEnvelope, replyTopic } from '@omniflow/contracts';
import { consumeReliably, receive, type Logger, type ReliableConsumer } from '@omniflow/lib';

/**
 * Routes every participant's reply to the activity waiting for it, by workflow id + activity id from the reply's
 * headers. Any orchestrator instance can complete any activity, so replies need no sticky routing.
 */
export async function startReplyConsumer(
  kafka: Kafka,
  producer: Producer,
  client: Client,
  topicPrefix: string,
  logger: Logger,
): Promise<ReliableConsumer> {
  const registry = new MessageRegistry(ALL_REPLY_TYPES);
  const deadLetters = { producer, topic: deadLetterTopic(topicPrefix), consumer: 'orchestrator' };
  return consumeReliably({
    kafka,
    groupId: `${topicPrefix}orchestrator`,
    topics: SERVICES.map((service) => replyTopic(service, topicPrefix)),
    deadLetters,
    logger,
    async process(message, position) {
      const received = await receive(registry, replyEnvelope, message, position, deadLetters, logger);
      if (!received) return;
      const { decoded, envelope, log } = received;
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
}
