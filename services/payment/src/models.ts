import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: string;
  declare orderId: string;
  declare idempotencyKey: string;
  declare customerId: string;
  declare amountCents: number;
  declare currency: string;
  declare status: 'CHARGED' | 'DECLINED';
  declare providerReference: string | null;
  declare reason: string | null;
}

export function initModels(sequelize: Sequelize): void {
  Payment.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      orderId: { type: DataTypes.STRING(64), allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(191), allowNull: false },
      customerId: { type: DataTypes.STRING(64), allowNull: false },
      // BIGINT comes back from mysql2 as a string unless told otherwise; amounts stay far below 2^53 cents.
      amountCents: { type: DataTypes.BIGINT, allowNull: false, get() { return Number(this.getDataValue('amountCents')); } },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      providerReference: { type: DataTypes.STRING(64), allowNull: true },
      reason: { type: DataTypes.STRING(255), allowNull: true },
    },
    { sequelize, tableName: 'payments' },
  );
}
