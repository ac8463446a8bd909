import { ApplicationFailure, CompleteAsyncError, Context } from '@temporalio/activity';
import type { Producer } from 'kafkajs';
import {
  ChargePayment,
  CommitStock,
  Header,
  RefundPayment,
  ReleaseStock,
  ReserveStock,
  ScheduleShipment,
  commandTopic,
  encodeCommand,
  replyTopic,
  type MessageType,
  type SagaOp,
  type ServiceName,
} from '@omniflow/contracts';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { activeTraceparent, publish, type Logger } from '@omniflow/lib';
import type { OrchestratorMetrics } from '../metrics';
import type { Projection, WriteProjection } from '../read-model/project';
import type { InFlightCommands } from './in-flight';
import type { CommandActivities } from './steps';

/** Which saga branch a command belongs to, and whether it is the branch's action or its compensation. */
interface Route {
  branch: string;
  op: SagaOp;
}

/** Where sent commands are counted, and remembered until their replies come, to time the round trip. */
export interface CommandTelemetry {
  metrics: OrchestratorMetrics;
  inFlight: InFlightCommands;
}

export function createCommandActivities(
  producer: Producer,
  topicPrefix: string,
  logger: Logger,
  { metrics, inFlight }: CommandTelemetry,
  writeProjection: WriteProjection,
): CommandActivities {
  /**
   * Publishes the command and leaves the activity open: the reply consumer completes it by workflow id +
   * activity id, which outlives this attempt. If no reply comes before the start-to-close timeout, Temporal
   * runs a new attempt that publishes the same command with the same idempotency key, and the participant
   * answers it from its dedup table: a lost command or reply costs a retry, never a second effect. The command
   * carries the activity's trace context (started by the gateway's request, through the workflow).
   *
   * Status changes the command carries are written first, so the read model is never behind the effect the
   * command may have; every attempt writes them again, which changes nothing once they are there.
   */
  async function send<C extends { orderId: string }>(
    service: ServiceName,
    type: MessageType<C>,
    command: C,
    route: Route,
    carried?: Projection,
  ): Promise<never> {
    const { workflowExecution, activityId, attempt } = Context.current().info;
    // The reply is routed back by workflow id: an activity started outside a workflow could never finish.
    if (!workflowExecution) throw ApplicationFailure.nonRetryable(`${type.name} must be sent from a workflow`);
    if (carried) await writeProjection(carried);
    const message = encodeCommand(type, command, {
      orderId: command.orderId,
      workflowId: workflowExecution.workflowId,
      activityId,
      // Keyed by the order, not the sending workflow: a shipment child's commands are branches of the order's saga.
      idempotencyKey: `${workflowIdFor(command.orderId)}/${route.branch}`,
      sagaOp: route.op,
      replyTo: replyTopic(service, topicPrefix),
      traceparent: activeTraceparent(),
    });
    const topic = commandTopic(service, topicPrefix);
    // Remembered before it is sent: the reply may come back before `publish` returns.
    inFlight.sent(message.headers[Header.messageId]!, { topic, command: type.name });
    await publish(producer, topic, message);
    metrics.commandsSent.inc({ topic, command: type.name, op: route.op });
    logger.info(
      {
        orderId: command.orderId,
        workflowId: workflowExecution.workflowId,
        messageId: message.headers[Header.messageId],
        messageType: type.name,
        sagaOp: route.op,
        activityId,
        attempt,
      },
      'command sent',
    );
    throw new CompleteAsyncError();
  }

  const action = (branch: string): Route => ({ branch, op: 'action' });
  const compensation = (branch: string): Route => ({ branch, op: 'compensation' });

  return {
    reserveStock: (command, carried) => send('inventory', ReserveStock, command, action('stock'), carried),
    releaseStock: ({ orderId }, carried) => send('inventory', ReleaseStock, { orderId, warehouseId: null }, compensation('stock'), carried),
    chargePayment: (command, carried) => send('payment', ChargePayment, command, action('payment'), carried),
    refundPayment: ({ orderId, reason }, carried) =>
      send('payment', RefundPayment, { orderId, amountCents: null, reason }, compensation('payment'), carried),
    scheduleShipment: (command) => send('shipping', ScheduleShipment, command, action(`shipment/${command.warehouseId}`)),
    commitParcelStock: (command) => send('inventory', CommitStock, command, action(`shipment/${command.warehouseId}/commit`)),
    releaseParcelStock: ({ orderId, warehouseId }) =>
      send('inventory', ReleaseStock, { orderId, warehouseId }, action(`shipment/${warehouseId}/release`)),
    refundParcel: ({ orderId, warehouseId, amountCents, reason }) =>
      send('payment', RefundPayment, { orderId, amountCents, reason }, action(`shipment/${warehouseId}/refund`)),
  };
}
