import type { PricedLine, ShipmentView, ShippingAddress } from '@omniflow/contracts/orders';
import { commandActivities } from '../commands/workflow-proxies';

export interface ParcelInput {
  orderId: string;
  warehouseId: string;
  lines: PricedLine[];
  address: ShippingAddress | null;
  replyTimeoutMs: number;
}

/**
 * One warehouse's parcel, as a child of the order (one per warehouse, run in parallel). Booked: its held
 * units count as shipped. Refused for good by the carrier: its units go back on sale and its value is refunded.
 */
export async function shipmentWorkflow(parcel: ParcelInput): Promise<ShipmentView> {
  const { orderId, warehouseId } = parcel;
  const commands = commandActivities(parcel.replyTimeoutMs);
  const booking = await commands.scheduleShipment({
    orderId,
    warehouseId,
    lines: parcel.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    address: parcel.address,
  });
  const shipment = { warehouseId, shipmentId: booking.shipmentId, trackingNumber: booking.trackingNumber, reason: booking.reason };
  if (booking.outcome === 'SCHEDULED') {
    await commands.commitParcelStock({ orderId, warehouseId });
    return { ...shipment, status: 'SCHEDULED', refundedCents: 0 };
  }
  await commands.releaseParcelStock({ orderId, warehouseId });
  const value = parcel.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const refund = await commands.refundParcel({ orderId, warehouseId, amountCents: value, reason: booking.reason ?? 'parcel not shipped' });
  return { ...shipment, status: 'FAILED', refundedCents: refund.refundedCents };
}
