import { randomBytes, randomUUID } from 'node:crypto';
import { ScheduleShipment, ScheduleShipmentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib';
import { Shipment, ShipmentLine } from './models';

/**
 * Books one parcel from one warehouse with a tracking number, once per saga branch. A warehouse no carrier
 * serves fails the booking for good (FAILED is a final answer, not a retry): the saga then refunds and
 * releases that parcel. The failed booking is recorded too, so a redelivery finds the same answer.
 */
export function scheduleShipmentHandler(unserviceableWarehouses: ReadonlySet<string>) {
  return commandHandler({
    command: ScheduleShipment,
    reply: ScheduleShipmentReply,
    async handle(command, { tx, envelope, logger }): Promise<ScheduleShipmentReply> {
      const failure = unserviceableWarehouses.has(command.warehouseId) ? `no carrier serves ${command.warehouseId}` : null;
      const shipment = await Shipment.create(
        {
          id: randomUUID(),
          orderId: command.orderId,
          idempotencyKey: envelope.idempotencyKey,
          warehouseId: command.warehouseId,
          trackingNumber: failure ? null : `OMF${randomBytes(6).toString('hex').toUpperCase()}`,
          status: failure ? 'FAILED' : 'SCHEDULED',
          reason: failure,
          address: command.address ? JSON.stringify(command.address) : null,
        },
        { transaction: tx },
      );
      await ShipmentLine.bulkCreate(
        command.lines.map((line) => ({ shipmentId: shipment.id, sku: line.sku, quantity: line.quantity })),
        { transaction: tx },
      );
      logger.info({ shipmentId: shipment.id, warehouseId: command.warehouseId, status: shipment.status, reason: failure }, 'shipment booked');
      return failure
        ? { outcome: 'FAILED', shipmentId: shipment.id, trackingNumber: null, reason: failure }
        : { outcome: 'SCHEDULED', shipmentId: shipment.id, trackingNumber: shipment.trackingNumber, reason: null };
    },
  });
}
