import { ActivityNotFoundError, type Client } from '@temporalio/client';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import { ALL_REPLY_TYPES, MessageRegistry, SERVICES, deadLetterTopic, readHeaders, replyEnvelope, replyTopic } from '@omniflow/contracts';
import { SpanKind, inSpan, type ConsumerGroupTopics, type Logger } from '@omniflow/lib';
import {
  consumeReliably,
  type Delivery,
  receive,
  type Position,
  type ReliableConsumer,
} from '@omniflow/lib/participant';
import type { CommandTelemetry } from './send';

/** The orchestrator's consumer group and the reply topics it reads (whose lag /metrics reports). */
export function replyGroup(topicPrefix: string): ConsumerGroupTopics {
  return { groupId: `${topicPrefix}orchestrator`, topics: SERVICES.map((service) => replyTopic(service, topicPrefix)) };
}

/**
 * Routes every participant's reply to the activity waiting for it, by workflow id + activity id from the reply's
 * headers. Any orchestrator instance can complete any activity, so replies need no sticky routing. Each reply is
 * handled in a span of the order's trace (its `traceparent` header), and timed against the command it answers.
 */
export async function startReplyConsumer(
  kafka: Kafka,
  producer: Producer,
  client: Client,
  topicPrefix: string,
  logger: Logger,
  { metrics, inFlight }: CommandTelemetry,
): Promise<ReliableConsumer> {
  const registry = new MessageRegistry(ALL_REPLY_TYPES);
  const deadLetters = { producer, topic: deadLetterTopic(topicPrefix), consumer: 'orchestrator', counter: metrics.deadLetters };
  const group = replyGroup(topicPrefix);

  async function handle(message: KafkaMessage, position: Position): Promise<void> {
    const received = await receive(registry, replyEnvelope, message, position, deadLetters, logger);
    if (!received) return;
    const { decoded, envelope, log } = received;
    const roundTrip = inFlight.answered(envelope.causationId);
    try {
      await client.activity.complete({ workflowId: envelope.workflowId, activityId: envelope.activityId }, decoded.body);
    } catch (err) {
      // A second reply to one command (a redelivery answered from the dedup table) finds the activity done.
      if (!(err instanceof ActivityNotFoundError)) throw err;
      metrics.replies.inc({ reply: decoded.type.name, result: 'not_waiting' });
      log.info({ activityId: envelope.activityId }, 'reply for an activity no longer waiting; ignored');
      return;
    }
    metrics.replies.inc({ reply: decoded.type.name, result: 'completed' });
    if (roundTrip) metrics.replyLatency.observe({ topic: roundTrip.topic, command: roundTrip.command }, roundTrip.seconds);
    log.info({ activityId: envelope.activityId, roundTripMs: roundTrip && Math.round(roundTrip.seconds * 1000) }, 'activity completed by reply');
  }

  return consumeReliably({
    kafka,
    groupId: group.groupId,
    topics: group.topics,
    deadLetters,
    logger,
    // One reply at a time: each completes its own activity, and nothing is gained by grouping them.
    maxBatch: 1,
    accept: async (delivery) => delivery,
    process: ([{ message, position }]: [Delivery]) =>
      inSpan(`${position.topic} process`, SpanKind.CONSUMER, readHeaders(message.headers), () => handle(message, position)),
  });
}
