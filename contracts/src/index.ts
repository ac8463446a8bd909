export * from './codec';
export * from './common';
export * from './headers';
export * from './topics';
export * from './inventory';
export * from './payment';
export * from './shipping';
import { CommitStockReply, ReleaseStockReply, ReserveStockReply } from './inventory';
import { ChargePaymentReply, RefundPaymentReply } from './payment';
import { ScheduleShipmentReply } from './shipping';

/** Every reply the orchestrator can receive. */
export const ALL_REPLY_TYPES = [
  ReserveStockReply,
  ReleaseStockReply,
  CommitStockReply,
  ChargePaymentReply,
  RefundPaymentReply,
  ScheduleShipmentReply,
];
