import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Sequelize, Transaction } from 'sequelize';
import {
  MessageRegistry,
  commandEnvelope,
  commandTopic,
  deadLetterTopic,
  encodeReply,
  readHeaders,
  type CommandEnvelope,
  type MessageType,
  type OutgoingMessage,
  type ServiceName,
} from '@omniflow/contracts';
import { runOnce, type CompensatedAction } from './barrier';
import { consumeReliably, type ReliableConsumer } from './consume';
import type { ConsumerGroupTopics } from './consumer-lag';
import { transactionWithRetry } from './database';
import { publish } from './kafka';
import type { Logger } from './logger';
import { observeCommand, type ParticipantMetrics } from './participant-metrics';
import { receive, type Position, type Received } from './receive';
import { ReplyTopics } from './reply-topics';
import { SpanKind, inSpan, traceIdsOf, traceparentOf, type Span } from './tracing';

export interface HandlerContext {
  /** The transaction the barrier row is written in: the handler's effect must use it to be exactly-once. */
  tx: Transaction;
  sequelize: Sequelize;
  envelope: CommandEnvelope;
  logger: Logger;
  /**
   * Fault injection, for simulators only: this delivery's reply is not published, as if lost on the way. The
   * effect and its stored reply still commit, so the sender's retry is answered from the barrier.
   */
  loseReply(): void;
  /**
   * THE AFTER-COMMIT HOOK (the only way a handler publishes anything besides its reply). Messages handed in here
   * are published to `topic` once the handler's transaction has committed: after the commit, before the reply
   * and before the command's offset is committed, each call's messages in one send, calls in order. If the
   * transaction is retried (a deadlock) or rolls back, what the failed attempt handed in is dropped, so only
   * the committed attempt's messages go out. They are NOT re-published for a duplicate delivery (the handler
   * does not run then): a process that dies between the commit and this publish, or a publish that fails (the
   * command is then retried as a duplicate), loses them. A handler using this must therefore publish only what
   * can be repaired otherwise — inventory's availability, for instance, is also republished periodically.
   */
  publishAfterCommit(topic: string, messages: OutgoingMessage[]): void;
}

/** How a participant answers one command type. It never learns who sent the command. */
export interface CommandHandler<C, R> {
  command: MessageType<C>;
  reply: MessageType<R>;
  /**
   * Present when the command may be sent as a saga compensation (`saga-op: compensation`): the action it
   * undoes, and what that action is answered if it arrives after its compensation (it then has no effect).
   */
  compensates?: { action: MessageType<any>; lateReply: { type: MessageType<any>; body: unknown } };
  /** Runs on every first delivery, compensations whose action never ran included: it must rely on its data. */
  handle(command: C, context: HandlerContext): Promise<R>;
}

export function commandHandler<C, R>(handler: CommandHandler<C, R>): CommandHandler<C, R> {
  return handler;
}

export interface ParticipantOptions {
  service: ServiceName;
  topicPrefix: string;
  kafka: Kafka;
  producer: Producer;
  sequelize: Sequelize;
  logger: Logger;
  metrics: ParticipantMetrics;
  handlers: CommandHandler<any, any>[];
}

/**
 * Consumes the service's command topic. For each command: decode it (or dead-letter it, with no effect),
 * run its handler and record its reply in one transaction behind the barrier, publish the reply to the
 * command's reply-to topic, and only then let the offset be committed. A crash anywhere before the commit means
 * redelivery, and the barrier turns the redelivery into a re-send of the stored reply. Failures are retried as
 * `consumeReliably` says; a command that keeps failing on its own account (a reply-to topic that does not exist,
 * a handler bug) ends in the dead-letter topic instead of blocking its partition. Each command is handled in a
 * span continuing the trace in its `traceparent` header; the span is handed on explicitly (participants run
 * without an async context, see TracingOptions): its ids are bound to the command's logger, and the reply
 * carries it on.
 */
export async function startParticipant(options: ParticipantOptions): Promise<ReliableConsumer> {
  const { service, topicPrefix, kafka, producer, sequelize, logger, metrics, handlers } = options;
  const registry = new MessageRegistry(handlers.map((handler) => handler.command));
  const handlerByType = new Map(handlers.map((handler) => [handler.command.name, handler]));
  const replyTypes = handlers.flatMap((handler) => [handler.reply, ...(handler.compensates ? [handler.compensates.lateReply.type] : [])]);
  const replyTypeByName = new Map(replyTypes.map((type) => [type.name, type]));
  const compensatedActions = new Map(
    handlers.filter((handler) => handler.compensates).map((handler) => [handler.command.name, compensatedActionOf(handler)]),
  );
  const topic = commandTopic(service, topicPrefix);
  const deadLetters = { producer, topic: deadLetterTopic(topicPrefix), consumer: service, counter: metrics.deadLetters };
  const replyTopics = new ReplyTopics(kafka);

  async function handle(message: KafkaMessage, position: Position, span: Span): Promise<void> {
    const received = await receive(registry, commandEnvelope, message, position, deadLetters, logger.child(traceIdsOf(span)));
    if (!received) return;
    const { decoded, envelope, log } = received;
    const handler = handlerByType.get(decoded.type.name)!;
    const observe = observeCommand(metrics, handler.command.name, envelope.sagaOp);
    const compensated = compensatedActions.get(handler.command.name);
    if (envelope.sagaOp === 'compensation' && !compensated) {
      observe('rejected');
      log.error(position, 'rejected: this command cannot be sent as a compensation');
      return;
    }
    try {
      const { duplicate, nullCompensation } = await apply(position, span, received, handler, compensated);
      observe(duplicate ? 'duplicate' : 'applied', nullCompensation);
    } catch (err) {
      observe('failed');
      log.error({ err, ...position }, 'command failed');
      throw err;
    }
  }

  /** The handler's effect and its reply behind the barrier, then the reply sent: what `handle` measures. */
  async function apply(
    position: Position,
    span: Span,
    { decoded, envelope, log }: Received<CommandEnvelope>,
    handler: CommandHandler<unknown, unknown>,
    compensated: CompensatedAction | undefined,
  ): Promise<{ duplicate: boolean; nullCompensation: boolean }> {
    let replyLost = false;
    let afterCommit: { topic: string; messages: OutgoingMessage[] }[] = [];
    const context = {
      sequelize,
      envelope,
      logger: log,
      loseReply: () => (replyLost = true),
      publishAfterCommit: (topic: string, messages: OutgoingMessage[]) => void afterCommit.push({ topic, messages }),
    };
    const key = { idempotencyKey: envelope.idempotencyKey, op: envelope.sagaOp, commandType: handler.command.name };
    const { reply, duplicate, nullCompensation } = await transactionWithRetry(sequelize, (tx) => {
      afterCommit = []; // a retried attempt starts over: only the committed one's messages are published
      return runOnce(
        sequelize,
        tx,
        key,
        async () => ({ type: handler.reply.name, payload: handler.reply.encode(await handler.handle(decoded.body, { ...context, tx })) }),
        compensated,
      );
    });
    for (const { topic, messages } of afterCommit) await publish(producer, topic, ...messages);
    const outcome = { duplicate, nullCompensation, replyType: reply.type, partition: position.partition, offset: position.offset };
    if (replyLost) {
      log.warn(outcome, 'reply deliberately not sent (simulated loss)');
      return { duplicate, nullCompensation };
    }
    const replyType = replyTypeByName.get(reply.type);
    if (!replyType) throw new Error(`stored reply type ${reply.type} is not one this service sends`);
    await replyTopics.check(envelope.replyTo);
    await publish(
      producer,
      envelope.replyTo,
      encodeReply(replyType, reply.payload, { ...envelope, causationId: envelope.messageId, traceparent: traceparentOf(span) }),
    );
    log.info(outcome, duplicate ? 'answered duplicate with stored reply' : 'command handled');
    return { duplicate, nullCompensation };
  }

  const consumer = await consumeReliably({
    kafka,
    groupId: participantGroup(service, topicPrefix).groupId,
    topics: [topic],
    deadLetters,
    logger,
    process: (message, position) =>
      inSpan(`${topic} process`, SpanKind.CONSUMER, readHeaders(message.headers), (span) => handle(message, position, span)),
  });
  logger.info({ topic }, 'consuming commands');
  return {
    async stop() {
      await consumer.stop();
      await replyTopics.close();
    },
  };
}

/** The participant's consumer group and the one topic it reads (whose lag /metrics reports). */
export function participantGroup(service: ServiceName, topicPrefix: string): ConsumerGroupTopics {
  return { groupId: `${topicPrefix}${service}`, topics: [commandTopic(service, topicPrefix)] };
}

/** What the barrier needs to pair a compensation with its action; the late reply is encoded once, up front. */
function compensatedActionOf(handler: CommandHandler<unknown, unknown>): CompensatedAction {
  const { action, lateReply } = handler.compensates!;
  return { commandType: action.name, lateReply: { type: lateReply.type.name, payload: lateReply.type.encode(lateReply.body) } };
}
