import { optionalString, orderLineSchema } from './common';
import { defineMessage, type BodyOf } from './codec';

const namespace = 'omniflow.shipping';

/** Book one parcel leaving one warehouse; an order spread over warehouses sends one of these per warehouse. */
export const ScheduleShipment = defineMessage('shipping.ScheduleShipment', {
  type: 'record',
  name: 'ScheduleShipment',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', type: 'string' },
    { name: 'lines', type: { type: 'array', items: orderLineSchema(namespace) } },
    /** Null for orders placed without one (the seed's guest orders): shipped to the pick-up counter. */
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
export type ScheduleShipment = BodyOf<typeof ScheduleShipment>;

export type Address = NonNullable<ScheduleShipment['address']>;

export const ScheduleShipmentReply = defineMessage('shipping.ScheduleShipmentReply', {
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
export type ScheduleShipmentReply = BodyOf<typeof ScheduleShipmentReply>;

/** FAILED is permanent (no carrier serves the warehouse): the saga refunds and releases that parcel. */
export type ScheduleShipmentOutcome = ScheduleShipmentReply['outcome'];
