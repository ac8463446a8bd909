export * from './codec';
export * from './common';
export * from './headers';
export * from './topics';
export * from './inventory';
export * from './payment';
export * from './shipping';
export * from './order-events';
import { CommitStock, CommitStockReply, ReleaseStock, ReleaseStockReply, ReserveStock, ReserveStockReply, StockAvailability } from './inventory';
import { OrderChanged } from './order-events';
import { ChargePayment, ChargePaymentReply, RefundPayment, RefundPaymentReply } from './payment';
import { ScheduleShipment, ScheduleShipmentReply } from './shipping';

/** Every command a participant can receive. */
export const ALL_COMMAND_TYPES = [ReserveStock, ReleaseStock, CommitStock, ChargePayment, RefundPayment, ScheduleShipment];

/** Every reply the orchestrator can receive. */
export const ALL_REPLY_TYPES = [
  ReserveStockReply,
  ReleaseStockReply,
  CommitStockReply,
  ChargePaymentReply,
  RefundPaymentReply,
  ScheduleShipmentReply,
];

/** Every message OmniFlow publishes that nobody answers: order changes, and stock availability. */
export const ALL_EVENT_TYPES = [OrderChanged, StockAvailability];
