import { randomBytes, randomUUID } from 'node:crypto';
import { ScheduleShipment, ScheduleShipmentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib/participant';
import type { ShipmentBook } from './shipment-book';

/**
 * Books one parcel from one warehouse with a tracking number, once per saga branch. A warehouse no carrier
 * serves fails the booking for good (FAILED is a final answer, not a retry): the saga then refunds and
 * releases that parcel. The failed booking is recorded too, so a redelivery finds the same answer.
 */
export function scheduleShipmentHandler(unserviceableWarehouses: ReadonlySet<string>) {
  return commandHandler<ScheduleShipment, ScheduleShipmentReply, ShipmentBook>({
    command: ScheduleShipment,
    reply: ScheduleShipmentReply,
    async handle(command, { work, envelope, logger }) {
      const failure = unserviceableWarehouses.has(command.warehouseId) ? `no carrier serves ${command.warehouseId}` : null;
      const shipment = {
        id: randomUUID(),
        orderId: command.orderId,
        idempotencyKey: envelope.idempotencyKey,
        warehouseId: command.warehouseId,
        trackingNumber: failure ? null : `OMF${randomBytes(6).toString('hex').toUpperCase()}`,
        status: failure ? ('FAILED' as const) : ('SCHEDULED' as const),
        reason: failure,
        address: command.address ? JSON.stringify(command.address) : null,
      };
      work.book(
        shipment,
        command.lines.map((line) => ({ shipmentId: shipment.id, sku: line.sku, quantity: line.quantity })),
      );
      logger.info({ shipmentId: shipment.id, warehouseId: command.warehouseId, status: shipment.status, reason: failure }, 'shipment booked');
      return failure
        ? { outcome: 'FAILED', shipmentId: shipment.id, trackingNumber: null, reason: failure }
        : { outcome: 'SCHEDULED', shipmentId: shipment.id, trackingNumber: shipment.trackingNumber, reason: null };
    },
  });
}
