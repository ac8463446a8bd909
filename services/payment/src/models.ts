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

export class Refund extends Model<InferAttributes<Refund>, InferCreationAttributes<Refund>> {
  declare id: string;
  declare orderId: string;
  declare idempotencyKey: string;
  declare paymentId: string;
  declare amountCents: number;
  declare providerReference: string;
  declare reason: string | null;
}

/** mysql2 returns BIGINT as a string; amounts stay far below 2^53 cents, so a number is exact. */
const cents = (field: string) => ({
  type: DataTypes.BIGINT,
  allowNull: false,
  get(this: Model) {
    return Number(this.getDataValue(field));
  },
});

export function initModels(sequelize: Sequelize): void {
  Payment.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      orderId: { type: DataTypes.STRING(64), allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(191), allowNull: false },
      customerId: { type: DataTypes.STRING(64), allowNull: false },
      amountCents: cents('amountCents'),
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      providerReference: { type: DataTypes.STRING(64), allowNull: true },
      reason: { type: DataTypes.STRING(255), allowNull: true },
    },
    { sequelize, tableName: 'payments' },
  );
  Refund.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      orderId: { type: DataTypes.STRING(64), allowNull: false },
      idempotencyKey: { type: DataTypes.STRING(191), allowNull: false },
      paymentId: { type: DataTypes.CHAR(36), allowNull: false },
      amountCents: cents('amountCents'),
      providerReference: { type: DataTypes.STRING(64), allowNull: false },
      reason: { type: DataTypes.STRING(255), allowNull: true },
    },
    { sequelize, tableName: 'refunds' },
  );
}
