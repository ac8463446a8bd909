import { randomBytes, randomUUID } from 'node:crypto';
import { ScheduleShipment, ScheduleShipmentReply } from '@omniflow/contracts';
import { commandHandler } from '@omniflow/lib';
import { Shipment, ShipmentLine } from './models';

/** Books one parcel from one warehouse with a tracking number; once per saga branch. */
export const scheduleShipmentHandler = commandHandler({
  command: ScheduleShipment,
  reply: ScheduleShipmentReply,
  op: 'action',
  async handle(command, { tx, envelope, logger }): Promise<ScheduleShipmentReply> {
    const shipment = await Shipment.create(
      {
        id: randomUUID(),
        orderId: command.orderId,
        idempotencyKey: envelope.idempotencyKey,
        warehouseId: command.warehouseId,
        trackingNumber: `OMF${randomBytes(6).toString('hex').toUpperCase()}`,
        status: 'SCHEDULED',
      },
      { transaction: tx },
    );
    await ShipmentLine.bulkCreate(
      command.lines.map((line) => ({ shipmentId: shipment.id, sku: line.sku, quantity: line.quantity })),
      { transaction: tx },
    );
    logger.info({ shipmentId: shipment.id, warehouseId: command.warehouseId }, 'shipment scheduled');
    return { outcome: 'SCHEDULED', shipmentId: shipment.id, trackingNumber: shipment.trackingNumber, reason: null };
  },
});
