import { QueryTypes, type Sequelize } from 'sequelize';
import { ORDERS_READ_MODEL_TABLE, type OrderView } from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';
import type { ListRequest } from './list-query';

/** Orders as the read model holds them: a moment behind their workflows, answered without a worker. */
export interface OrderDirectory {
  /** Newest first. `customerId` null: every customer's. */
  list(request: ListRequest): Promise<OrderView[]>;
  /** Undefined while the order has no row: unknown, or its first projection has not landed yet. */
  get(orderId: string): Promise<OrderView | undefined>;
}

/** Seconds a client should wait before asking again while the orchestrator has not created the table yet. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Reads the `orders` table the orchestrator keeps in this same database (one row per order, `view` the
 * OrderView as JSON). The gateway never writes it, nor creates it: until the orchestrator has, listing is 503.
 */
export function sqlOrderDirectory(sequelize: Pick<Sequelize, 'query'>): OrderDirectory {
  return {
    async list({ status, customerId, limit }) {
      const filters = (
        [
          ['status = ?', status],
          ['customer_id = ?', customerId],
        ] as const
      ).filter(([, value]) => value !== null);
      const sql =
        `SELECT view FROM ${ORDERS_READ_MODEL_TABLE}` +
        (filters.length > 0 ? ` WHERE ${filters.map(([clause]) => clause).join(' AND ')}` : '') +
        ' ORDER BY created_at DESC, order_id LIMIT ?';
      const replacements = [...filters.map(([, value]) => value), limit];
      try {
        return await views(sql, replacements);
      } catch (err) {
        if (!isMissingTable(err)) throw err;
        throw new HttpError(503, 'unavailable', 'the order listing is not ready yet; try again shortly', {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
      }
    },
    async get(orderId) {
      try {
        const [view] = await views(`SELECT view FROM ${ORDERS_READ_MODEL_TABLE} WHERE order_id = ?`, [orderId]);
        return view;
      } catch (err) {
        // No table yet: no order has a row, so each is read from its workflow (see current-order.ts).
        if (isMissingTable(err)) return undefined;
        throw err;
      }
    },
  };

  async function views(sql: string, replacements: unknown[]): Promise<OrderView[]> {
    const rows = await sequelize.query<{ view: string }>(sql, { replacements, type: QueryTypes.SELECT });
    return rows.map((row) => JSON.parse(row.view) as OrderView);
  }
}

const isMissingTable = (err: unknown): boolean => (err as { parent?: { code?: string } }).parent?.code === 'ER_NO_SUCH_TABLE';
