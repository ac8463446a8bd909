import { QueryTypes, type Sequelize } from 'sequelize';
import type { OrderStatus, OrderView } from '@omniflow/contracts/orders';
import { ORDERS_READ_MODEL_TABLE } from './table';

export interface OrderFilter {
  /** null: every status. */
  status: OrderStatus | null;
  /** null: every customer's. */
  customerId: string | null;
  limit: number;
}

/** Orders as the read model holds them: a moment behind their workflows, read without a worker. */
export interface OrdersReadModel {
  /** Newest first. */
  list(filter: OrderFilter): Promise<OrderView[]>;
  /** Undefined while the order has no row: unknown, or its first write has not landed yet. */
  get(orderId: string): Promise<OrderView | undefined>;
  /** How many orders are in each status now. */
  countByStatus(): Promise<{ status: OrderStatus; orders: number }[]>;
}

/** Every value is bound, never SQL text. */
export function ordersReadModel(sequelize: Pick<Sequelize, 'query'>): OrdersReadModel {
  const views = async (sql: string, replacements: unknown[]): Promise<OrderView[]> => {
    const rows = await sequelize.query<{ view: string }>(sql, { replacements, type: QueryTypes.SELECT });
    return rows.map((row) => JSON.parse(row.view) as OrderView);
  };
  return {
    list({ status, customerId, limit }) {
      const filters = (
        [
          ['status = ?', status],
          ['customer_id = ?', customerId],
        ] as const
      ).filter(([, value]) => value !== null);
      const where = filters.length > 0 ? ` WHERE ${filters.map(([clause]) => clause).join(' AND ')}` : '';
      return views(`SELECT view FROM ${ORDERS_READ_MODEL_TABLE}${where} ORDER BY created_at DESC, order_id LIMIT ?`, [
        ...filters.map(([, value]) => value),
        limit,
      ]);
    },
    async get(orderId) {
      const [view] = await views(`SELECT view FROM ${ORDERS_READ_MODEL_TABLE} WHERE order_id = ?`, [orderId]);
      return view;
    },
    async countByStatus() {
      const rows = await sequelize.query<{ status: OrderStatus; orders: number }>(
        `SELECT status, COUNT(*) AS orders FROM ${ORDERS_READ_MODEL_TABLE} GROUP BY status`,
        { type: QueryTypes.SELECT },
      );
      // COUNT(*) arrives as a string or a BigInt, depending on the driver's settings.
      return rows.map(({ status, orders }) => ({ status, orders: Number(orders) }));
    },
  };
}
