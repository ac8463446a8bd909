import { QueryTypes, type Sequelize } from 'sequelize';
import { ORDERS_READ_MODEL_TABLE, type OrderView } from '@omniflow/contracts/orders';
import { HttpError } from '../http/errors';
import type { ListRequest } from './list-query';

/** Lists orders from the read model; the workflow query answers for one order only. */
export interface OrderDirectory {
  /** Newest first. `customerId` null: every customer's. */
  list(request: ListRequest): Promise<OrderView[]>;
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
        const rows = await sequelize.query<{ view: string }>(sql, { replacements, type: QueryTypes.SELECT });
        return rows.map((row) => JSON.parse(row.view) as OrderView);
      } catch (err) {
        if ((err as { parent?: { code?: string } }).parent?.code !== 'ER_NO_SUCH_TABLE') throw err;
        throw new HttpError(503, 'unavailable', 'the order listing is not ready yet; try again shortly', {
          'Retry-After': String(RETRY_AFTER_SECONDS),
        });
      }
    },
  };
}
