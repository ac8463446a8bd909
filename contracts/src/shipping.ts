import { optionalString, orderLineSchema, type OrderLine } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.shipping';

/** Book one parcel leaving one warehouse; an order spread over warehouses sends one of these per warehouse. */
export interface ScheduleShipment {
  orderId: string;
  warehouseId: string;
  lines: OrderLine[];
}

export type ScheduleShipmentOutcome = 'SCHEDULED';

export interface ScheduleShipmentReply {
  outcome: ScheduleShipmentOutcome;
  shipmentId: string | null;
  trackingNumber: string | null;
  reason: string | null;
}

export const ScheduleShipment = defineMessage<ScheduleShipment>('shipping.ScheduleShipment', {
  type: 'record',
  name: 'ScheduleShipment',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', type: 'string' },
    { name: 'lines', type: { type: 'array', items: orderLineSchema(namespace) } },
  ],
});

export const ScheduleShipmentReply = defineMessage<ScheduleShipmentReply>('shipping.ScheduleShipmentReply', {
  type: 'record',
  name: 'ScheduleShipmentReply',
  namespace,
  fields: [
    { name: 'outcome', type: { type: 'enum', name: 'ScheduleShipmentOutcome', symbols: ['SCHEDULED'] } },
    { name: 'shipmentId', ...optionalString() },
    { name: 'trackingNumber', ...optionalString() },
    { name: 'reason', ...optionalString() },
  ],
});
