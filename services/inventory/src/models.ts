import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/**
 * Units of one SKU in one warehouse: `available` can be sold, `reserved` is held for orders not yet shipped,
 * `shipped` has left. Units move between the three; their sum only changes when stock is received.
 */
export class Stock extends Model<InferAttributes<Stock>, InferCreationAttributes<Stock>> {
  declare sku: string;
  declare warehouseId: string;
  declare available: number;
  declare reserved: number;
  declare shipped: CreationOptional<number>;
  /** Bumped by every transaction that changes the SKU's availability: SUM over a SKU's rows orders its announcements. */
  declare version: CreationOptional<number>;
}

/** What one order holds where; the rows compensation (release) and shipping (commit) will act on. */
export class Reservation extends Model<InferAttributes<Reservation>, InferCreationAttributes<Reservation>> {
  declare id: CreationOptional<number>;
  declare orderId: string;
  declare idempotencyKey: string;
  declare sku: string;
  declare warehouseId: string;
  declare quantity: number;
  declare status: 'HELD' | 'RELEASED' | 'COMMITTED';
}

export function initModels(sequelize: Sequelize): void {
  Stock.init(
    {
      sku: { type: DataTypes.STRING(64), primaryKey: true },
      warehouseId: { type: DataTypes.STRING(64), primaryKey: true },
      available: { type: DataTypes.INTEGER, allowNull: false },
      reserved: { type: DataTypes.INTEGER, allowNull: false },
      shipped: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      // BIGINT comes back from mysql2 as a string; versions stay far below 2^53.
      version: {
        type: DataTypes.BIGINT,
        allowNull: false,
        defaultValue: 0,
        get(this: Stock) {
          return Number(this.getDataValue('version'));
        },
      },
    },
    { sequelize, tableName: 'stock' },
  );
  Reservation.init(
    {
      id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
      orderId: { type: DataTypes.STRING(64), allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(191), allowNull: false },
      sku: { type: DataTypes.STRING(64), allowNull: false },
      warehouseId: { type: DataTypes.STRING(64), allowNull: false },
      quantity: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
    },
    { sequelize, tableName: 'reservations' },
  );
}
