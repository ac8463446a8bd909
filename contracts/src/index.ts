export * from './codec';
export * from './common';
export * from './headers';
export * from './topics';
export * from './inventory';
export * from './payment';
export * from './shipping';
import { ReserveStockReply } from './inventory';
import { ChargePaymentReply } from './payment';
import { ScheduleShipmentReply } from './shipping';

/** Every reply the orchestrator can receive. */
export const ALL_REPLY_TYPES = [ReserveStockReply, ChargePaymentReply, ScheduleShipmentReply];
