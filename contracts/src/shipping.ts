import { optionalString, orderLineSchema, type OrderLine } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.shipping';

export interface Address {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
}

/** Book one parcel leaving one warehouse; an order spread over warehouses sends one of these per warehouse. */
export interface ScheduleShipment {
  orderId: string;
  warehouseId: string;
  lines: OrderLine[];
  /** Null for orders placed without one (the seed's guest orders): shipped to the pick-up counter. */
  address: Address | null;
}

/** FAILED is permanent (no carrier serves the warehouse): the saga refunds and releases that parcel. */
export type ScheduleShipmentOutcome = 'SCHEDULED' | 'FAILED';

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
    {
      name: 'address',
      type: [
        'null',
        {
          type: 'record',
          name: 'Address',
          fields: [
            { name: 'name', type: 'string' },
            { name: 'line1', type: 'string' },
            { name: 'line2', ...optionalString() },
            { name: 'city', type: 'string' },
            { name: 'postalCode', type: 'string' },
            { name: 'country', type: 'string' },
          ],
        },
      ],
      default: null,
    },
  ],
});

export const ScheduleShipmentReply = defineMessage<ScheduleShipmentReply>('shipping.ScheduleShipmentReply', {
  type: 'record',
  name: 'ScheduleShipmentReply',
  namespace,
  fields: [
    { name: 'outcome', type: { type: 'enum', name: 'ScheduleShipmentOutcome', symbols: ['SCHEDULED', 'FAILED'] } },
    { name: 'shipmentId', ...optionalString() },
    { name: 'trackingNumber', ...optionalString() },
    { name: 'reason', ...optionalString() },
  ],
});
