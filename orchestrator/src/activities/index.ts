import { ApplicationFailure, CompleteAsyncError, Context } from '@temporalio/activity';
import type { Producer } from 'kafkajs';
import {
  ChargePayment,
  Header,
  ReserveStock,
  ScheduleShipment,
  commandTopic,
  encodeCommand,
  replyTopic,
  type ChargePaymentReply,
  type MessageType,
  type ReserveStockReply,
  type ScheduleShipmentReply,
  type ServiceName,
} from '@omniflow/contracts';
import { publish, type Logger } from '@omniflow/lib';

/** Each activity sends one command; its result is the participant's reply. */
export interface CommandActivities {
  reserveStock(command: ReserveStock): Promise<ReserveStockReply>;
  chargePayment(command: ChargePayment): Promise<ChargePaymentReply>;
  scheduleShipment(command: ScheduleShipment): Promise<ScheduleShipmentReply>;
}

export function createActivities(producer: Producer, topicPrefix: string, logger: Logger): CommandActivities {
  /**
   * Publishes the command and leaves the activity open: the reply consumer completes it by workflow id +
   * activity id, which outlives this attempt. If no reply comes before the start-to-close timeout, Temporal
   * runs a new attempt that publishes the same command with the same idempotency key, and the participant
   * answers it from its dedup table: a lost command or reply costs a retry, never a second effect.
   */
  function sendCommand<C extends { orderId: string }, R>(
    service: ServiceName,
    type: MessageType<C>,
    branchOf: (command: C) => string,
  ): (command: C) => Promise<R> {
    return async (command) => {
      const { workflowExecution, activityId, attempt } = Context.current().info;
      // The reply is routed back by workflow id: an activity started outside a workflow could never finish.
      if (!workflowExecution) throw ApplicationFailure.nonRetryable(`${type.name} must be sent from a workflow`);
      const message = encodeCommand(type, command, {
        orderId: command.orderId,
        workflowId: workflowExecution.workflowId,
        activityId,
        idempotencyKey: `${workflowExecution.workflowId}/${branchOf(command)}`,
        replyTo: replyTopic(service, topicPrefix),
      });
      await publish(producer, commandTopic(service, topicPrefix), message);
      logger.info(
        {
          orderId: command.orderId,
          workflowId: workflowExecution.workflowId,
          messageId: message.headers[Header.messageId],
          messageType: type.name,
          activityId,
          attempt,
        },
        'command sent',
      );
      throw new CompleteAsyncError();
    };
  }

  return {
    reserveStock: sendCommand('inventory', ReserveStock, () => 'stock'),
    chargePayment: sendCommand('payment', ChargePayment, () => 'payment'),
    scheduleShipment: sendCommand('shipping', ScheduleShipment, (command) => `shipment/${command.warehouseId}`),
  };
}
