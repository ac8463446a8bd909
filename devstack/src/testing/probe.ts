/** Talks to one participant over Kafka the way the orchestrator does, with replies to a topic of its own. */
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import {
  MessageRegistry,
  commandTopic,
  encodeCommand,
  type MessageType,
  type OutgoingMessage,
  type SagaOp,
  type ServiceName,
} from '@omniflow/contracts';
import { collectMessages, createTestTopic, testKafka } from './kafka';
import { testStack } from './test-stack';

export class ParticipantProbe {
  private received = 0;

  private constructor(
    private readonly service: ServiceName,
    private readonly producer: Producer,
    readonly replyTopic: string,
    private readonly replies: MessageRegistry,
  ) {}

  static async open(service: ServiceName, replyTypes: MessageType<any>[]): Promise<ParticipantProbe> {
    const kafka = testKafka();
    const producer = kafka.producer();
    await producer.connect();
    return new ParticipantProbe(service, producer, await createTestTopic(kafka), new MessageRegistry(replyTypes));
  }

  /** A command of the saga branch `<order workflow>/<branch>`, as the orchestrator would send it. */
  command<C extends { orderId: string }>(type: MessageType<C>, body: C, branch: string, sagaOp: SagaOp): OutgoingMessage {
    return encodeCommand(type, body, {
      orderId: body.orderId,
      workflowId: `order-${body.orderId}`,
      activityId: randomUUID(),
      idempotencyKey: `order-${body.orderId}/${branch}`,
      sagaOp,
      replyTo: this.replyTopic,
    });
  }

  async send(...messages: OutgoingMessage[]): Promise<void> {
    await this.producer.send({ topic: commandTopic(this.service, testStack().topicPrefix), messages });
  }

  /** The next `count` replies on this probe's topic, raw (to compare bytes) and decoded. */
  async nextReplies(count: number): Promise<{ raw: KafkaMessage; body: unknown; type: string }[]> {
    const all = await collectMessages(testKafka(), this.replyTopic, this.received + count);
    const fresh = all.slice(this.received);
    this.received += count;
    return fresh.map((raw) => {
      const decoded = this.replies.decode(raw);
      return { raw, body: decoded.body, type: decoded.type.name };
    });
  }

  /**
   * Disconnects. The reply topic is kept on purpose: the participant's producer has published to it, and
   * kafkajs keeps every topic it ever produced to in its metadata; deleting one makes every later metadata
   * refresh, and so every reply the participant sends, fail ("This server does not host this topic-partition").
   */
  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
