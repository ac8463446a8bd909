import type { Transaction } from 'sequelize';
import type { UnitOfWork } from '@omniflow/lib/participant';
import { Shipment, ShipmentLine } from './models';

type ShipmentRow = Pick<Shipment, 'id' | 'orderId' | 'idempotencyKey' | 'warehouseId' | 'trackingNumber' | 'status' | 'reason' | 'address'>;
type LineRow = Pick<ShipmentLine, 'shipmentId' | 'sku' | 'quantity'>;

/**
 * Shipping's working state for one batch: bookings only add rows, so there is nothing to read or lock first;
 * the batch's shipments and their lines are inserted in bulk at the flush.
 */
export class ShipmentBook implements UnitOfWork {
  private readonly shipments: ShipmentRow[] = [];
  private readonly lines: LineRow[] = [];

  constructor(private readonly tx: Transaction) {}

  async load(): Promise<void> {}

  book(shipment: ShipmentRow, lines: LineRow[]): void {
    this.shipments.push(shipment);
    this.lines.push(...lines);
  }

  async flush(): Promise<void> {
    if (this.shipments.length > 0) await Shipment.bulkCreate(this.shipments, { transaction: this.tx });
    if (this.lines.length > 0) await ShipmentLine.bulkCreate(this.lines, { transaction: this.tx });
  }
}
