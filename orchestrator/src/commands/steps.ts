/**
 * A command's round trip, start to finish, lives in this folder:
 * - steps.ts (this file): the saga steps that are commands, each with its reply type and its compensation;
 * - workflow-proxies.ts: how a workflow calls them (timeouts, retries); bundled with the workflows, so it
 *   imports nothing that needs Node;
 * - send.ts: the activity side, which writes the status changes the command carries, publishes the command
 *   and leaves the activity open;
 * - complete-by-reply.ts: the reply consumer, which completes that activity with the participant's reply;
 * - in-flight.ts: send → reply timing, for the latency metric.
 * Type-only here: workflow code imports it.
 */
import type {
  ChargePayment,
  ChargePaymentReply,
  CommitStockReply,
  RefundPaymentReply,
  ReleaseStockReply,
  ReserveStock,
  ReserveStockReply,
  ScheduleShipment,
  ScheduleShipmentReply,
} from '@omniflow/contracts';
import type { Projection } from '../read-model/project';

/**
 * One activity per saga step; each sends one command and its result is the participant's reply. The names
 * are what the Temporal UI shows, so they say what the step does, compensations included.
 *
 * The order saga's own commands may carry the order's status changes not yet in the read model (`carried`):
 * the activity writes them before it sends the command, so a status change costs no activity of its own.
 */
export interface CommandActivities {
  reserveStock(command: ReserveStock, carried?: Projection): Promise<ReserveStockReply>;
  /** Compensation of reserveStock: every warehouse's held units back on sale. */
  releaseStock(command: { orderId: string }, carried?: Projection): Promise<ReleaseStockReply>;
  chargePayment(command: ChargePayment, carried?: Projection): Promise<ChargePaymentReply>;
  /** Compensation of chargePayment: all that was charged and not yet refunded. */
  refundPayment(command: { orderId: string; reason: string }, carried?: Projection): Promise<RefundPaymentReply>;
  scheduleShipment(command: ScheduleShipment): Promise<ScheduleShipmentReply>;
  commitParcelStock(command: { orderId: string; warehouseId: string }): Promise<CommitStockReply>;
  releaseParcelStock(command: { orderId: string; warehouseId: string }): Promise<ReleaseStockReply>;
  refundParcel(command: { orderId: string; warehouseId: string; amountCents: number; reason: string }): Promise<RefundPaymentReply>;
}
