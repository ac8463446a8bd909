import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Shipment extends Model<InferAttributes<Shipment>, InferCreationAttributes<Shipment>> {
  declare id: string;
  declare orderId: string;
  declare idempotencyKey: string;
  declare warehouseId: string;
  declare trackingNumber: string | null;
  declare status: 'SCHEDULED' | 'FAILED';
  declare reason: string | null;
  /** JSON of the command's address; null for orders placed without one. */
  declare address: string | null;
}

export class ShipmentLine extends Model<InferAttributes<ShipmentLine>, InferCreationAttributes<ShipmentLine>> {
  declare shipmentId: string;
  declare sku: string;
  declare quantity: number;
}

export function initModels(sequelize: Sequelize): void {
  Shipment.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      orderId: { type: DataTypes.STRING(64), allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(191), allowNull: false },
      warehouseId: { type: DataTypes.STRING(64), allowNull: false },
      trackingNumber: { type: DataTypes.STRING(64), allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      reason: { type: DataTypes.STRING(255), allowNull: true },
      address: { type: DataTypes.TEXT, allowNull: true },
    },
    { sequelize, tableName: 'shipments' },
  );
  ShipmentLine.init(
    {
      shipmentId: { type: DataTypes.CHAR(36), primaryKey: true },
      sku: { type: DataTypes.STRING(64), primaryKey: true },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'shipment_lines' },
  );
}
