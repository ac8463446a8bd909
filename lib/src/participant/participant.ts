import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
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
  type ServiceName,
} from '@omniflow/contracts';
import { BarrierBatch, type CompensatedAction, type StoredReply } from './barrier';
import { consumeReliably, type Delivery, type ReliableConsumer } from './consume';
import type { ConsumerGroupTopics } from '../consumer-lag';
import { transactionWithRetry } from '../database';
import type { Logger } from '../logger';
import { observeCommand, type ParticipantMetrics } from './participant-metrics';
import { receive, type Received } from './receive';
import { ReplyTopics } from './reply-topics';
import { SpanKind, startSpan, traceIdsOf, traceparentOf, type Span } from '../tracing';

/**
 * A participant's working state for one batch: what its commands read and change, kept in memory between a
 * `load` that reads and locks it (`SELECT … FOR UPDATE`) and a `flush` that writes the net change, both in the
 * batch's transaction. Handlers apply commands to it one by one, in offset order, so each command sees the
 * effects of those before it exactly as if each had had a transaction of its own.
 */
export interface UnitOfWork {
  /** Reads and locks what `commands` (those of the batch that will apply, in order) need, a statement per table. */
  load(commands: readonly AppliedCommand[]): Promise<void>;
  /** Writes what the handlers changed. */
  flush(): Promise<void>;
  /**
   * What the batch announces besides its replies (inventory: the availability of each SKU it changed), sent in
   * the same request as the replies, once the transaction has committed and before the offsets are. Not sent
   * again for a redelivered duplicate (nothing is applied then), so a process that dies between the commit and
   * the send loses it: announce only what is also repaired another way (inventory republishes periodically).
   */
  announcements?(): TopicMessages[];
}

/** A command about to be applied, as `UnitOfWork.load` sees it. */
export interface AppliedCommand {
  type: MessageType<unknown>;
  body: unknown;
  envelope: CommandEnvelope;
}

/** The bodies of the commands of one type. */
export function bodiesOf<C>(commands: readonly AppliedCommand[], type: MessageType<C>): C[] {
  return commands.filter((command) => command.type.name === type.name).map((command) => command.body as C);
}

export interface HandlerContext<W extends UnitOfWork> {
  /** The batch's working state: the handler's effect goes there, so it commits with the command's barrier row. */
  work: W;
  envelope: CommandEnvelope;
  logger: Logger;
}

/** How a participant answers one command type. It never learns who sent the command. */
export interface CommandHandler<C, R, W extends UnitOfWork = UnitOfWork> {
  command: MessageType<C>;
  reply: MessageType<R>;
  /**
   * Present when the command may be sent as a saga compensation (`saga-op: compensation`): the action it
   * undoes, and what that action is answered if it arrives after its compensation (it then has no effect).
   */
  compensates?: { action: MessageType<any>; lateReply: { type: MessageType<any>; body: unknown } };
  /** Runs on every first delivery, compensations whose action never ran included: it must rely on its data. */
  handle(command: C, context: HandlerContext<W>): Promise<R>;
}

export function commandHandler<C, R, W extends UnitOfWork>(handler: CommandHandler<C, R, W>): CommandHandler<C, R, W> {
  return handler;
}

/** A reply about to be sent, with the command it answers. */
export interface OutgoingReply {
  topic: string;
  message: Message;
  command: Received<CommandEnvelope>;
  /** True when the reply is one stored before (a redelivery); false when this delivery applied the command. */
  duplicate: boolean;
}

/**
 * Where a batch's replies (and its announcements) go: by default, one send to Kafka. A simulator may wrap it
 * (payment's lost replies); whatever reply it does not send, the sender's retry gets from the barrier.
 */
export type ReplySink = (replies: OutgoingReply[], announcements: TopicMessages[]) => Promise<void>;

export interface ParticipantOptions<W extends UnitOfWork> {
  service: ServiceName;
  topicPrefix: string;
  kafka: Kafka;
  producer: Producer;
  sequelize: Sequelize;
  logger: Logger;
  metrics: ParticipantMetrics;
  handlers: CommandHandler<any, any, W>[];
  /** A fresh working state for one batch's transaction. */
  unitOfWork(tx: Transaction): W;
  /** At most this many commands of one partition are applied in one transaction; 1 is one transaction each. */
  maxBatch: number;
  /** Wraps the default sink (a simulator's); absent, replies go straight to Kafka. */
  replySink?(send: ReplySink): ReplySink;
}

/** One delivered command on its way through: decoded, with its handler and its span. */
interface InFlight extends Delivery {
  received: Received<CommandEnvelope>;
  handler: CommandHandler<unknown, unknown, any>;
  compensated: CompensatedAction | undefined;
  span: Span;
}

/**
 * Consumes the service's command topic, a batch at a time (what a partition has fetched, up to `maxBatch`):
 * decode each command (or dead-letter it, with no effect); in one transaction, pass every command through the
 * barrier, apply the new ones to the batch's working state in offset order, write the net change and every
 * reply in its barrier row; commit; send the batch's replies in one send; and only then commit the offsets. A
 * crash anywhere before the offset commit means redelivery, and the barrier turns the redelivery into a re-send
 * of the stored replies. Failures are handled as `consumeReliably` says: a command that fails on its own account
 * (a reply-to topic that does not exist, a handler bug) ends in the dead-letter topic without holding back the
 * rest. Each command is handled in a span continuing the trace in its `traceparent` header; the span is handed
 * on explicitly (participants run without an async context, see TracingOptions): its ids are bound to the
 * command's logger, and the reply carries it on.
 */
export async function startParticipant<W extends UnitOfWork>(options: ParticipantOptions<W>): Promise<ReliableConsumer> {
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
  const toKafka: ReplySink = async (replies, announcements) => {
    const byTopic = new Map<string, Message[]>();
    for (const { topic: replyTo, message } of replies) byTopic.set(replyTo, [...(byTopic.get(replyTo) ?? []), message]);
    const topicMessages = [...[...byTopic].map(([name, messages]) => ({ topic: name, messages })), ...announcements];
    // One request for the whole batch, acknowledged by all in-sync replicas (see publish).
    if (topicMessages.length > 0) await producer.sendBatch({ acks: -1, topicMessages });
  };
  const sendReplies = options.replySink ? options.replySink(toKafka) : toKafka;

  async function accept(delivery: Delivery): Promise<InFlight | undefined> {
    const span = startSpan(`${topic} process`, SpanKind.CONSUMER, readHeaders(delivery.message.headers));
    const received = await receive(registry, commandEnvelope, delivery.message, delivery.position, deadLetters, logger, traceIdsOf(span));
    if (!received) {
      span.end();
      return undefined;
    }
    const handler = handlerByType.get(received.decoded.type.name)!;
    const compensated = compensatedActions.get(handler.command.name);
    if (received.envelope.sagaOp === 'compensation' && !compensated) {
      observeCommand(metrics, handler.command.name, 'compensation')('rejected');
      received.log.error(delivery.position, 'rejected: this command cannot be sent as a compensation');
      span.end();
      return undefined;
    }
    return { ...delivery, received, handler, compensated, span };
  }

  async function process(batch: InFlight[]): Promise<void> {
    const observers = batch.map(({ handler, received }) => observeCommand(metrics, handler.command.name, received.envelope.sagaOp));
    try {
      const { admissions, replies, announcements } = await transactionWithRetry(sequelize, (tx) => applyInOrder(tx, batch));
      for (const replyTo of new Set(batch.map(({ received }) => received.envelope.replyTo))) await replyTopics.check(replyTo);
      const outgoing = batch.map((command, i): OutgoingReply => ({
        topic: command.received.envelope.replyTo,
        message: replyMessage(command, replies[i]!),
        command: command.received,
        duplicate: admissions[i]!.kind !== 'apply',
      }));
      await sendReplies(outgoing, announcements);
      batch.forEach(({ received, position, span }, i) => {
        const admission = admissions[i]!;
        const nullCompensation = admission.kind === 'apply' && admission.nullCompensation;
        observers[i]!(admission.kind === 'apply' ? 'applied' : 'duplicate', nullCompensation);
        const outcome = { duplicate: admission.kind !== 'apply', nullCompensation, replyType: replies[i]!.type, partition: position.partition, offset: position.offset, batch: batch.length };
        received.log.info(outcome, admission.kind === 'apply' ? 'command handled' : 'answered duplicate with stored reply');
        span.end();
      });
    } catch (err) {
      for (const [i, { received, position, span }] of batch.entries()) {
        observers[i]!('failed');
        // A failed batch of several is retried one by one (see consumeReliably): only that tells whose failure it is.
        if (batch.length === 1) received.log.error({ err, ...position }, 'command failed');
        // Left open: the retry that handles the command ends it (one given up on is never exported).
        span.recordException(err as Error);
      }
      throw err;
    }
  }

  /** The batch through the barrier, the new commands applied in offset order, every reply recorded. */
  async function applyInOrder(tx: Transaction, batch: InFlight[]) {
    const barrier = await BarrierBatch.admit(
      sequelize,
      tx,
      batch.map(({ handler, received, compensated }) => ({
        key: { idempotencyKey: received.envelope.idempotencyKey, op: received.envelope.sagaOp, commandType: handler.command.name },
        compensated: received.envelope.sagaOp === 'compensation' ? compensated : undefined,
      })),
    );
    const { admissions } = barrier;
    const work = options.unitOfWork(tx);
    const applying = batch.filter((_, i) => admissions[i]!.kind === 'apply');
    await work.load(applying.map(({ received }) => ({ type: received.decoded.type, body: received.decoded.body, envelope: received.envelope })));
    const replies: StoredReply[] = [];
    for (const [i, { handler, received }] of batch.entries()) {
      const admission = admissions[i]!;
      if (admission.kind === 'stored') replies.push(admission.reply);
      else if (admission.kind === 'repeat') replies.push(replies[admission.of]!);
      else {
        const body = await handler.handle(received.decoded.body, { work, envelope: received.envelope, logger: received.log });
        replies.push({ type: handler.reply.name, payload: handler.reply.encode(body) });
      }
    }
    await work.flush();
    await barrier.record(replies);
    return { admissions, replies, announcements: work.announcements?.() ?? [] };
  }

  function replyMessage({ received: { envelope }, span }: InFlight, reply: StoredReply): Message {
    const replyType = replyTypeByName.get(reply.type);
    if (!replyType) throw new Error(`stored reply type ${reply.type} is not one this service sends`);
    return encodeReply(replyType, reply.payload, { ...envelope, causationId: envelope.messageId, traceparent: traceparentOf(span) });
  }

  const consumer = await consumeReliably({
    kafka,
    groupId: participantGroup(service, topicPrefix).groupId,
    topics: [topic],
    deadLetters,
    logger,
    maxBatch: options.maxBatch,
    accept,
    process,
  });
  logger.info({ topic, maxBatch: options.maxBatch }, 'consuming commands');
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
function compensatedActionOf(handler: CommandHandler<unknown, unknown, any>): CompensatedAction {
  const { action, lateReply } = handler.compensates!;
  return { commandType: action.name, lateReply: { type: lateReply.type.name, payload: lateReply.type.encode(lateReply.body) } };
}
