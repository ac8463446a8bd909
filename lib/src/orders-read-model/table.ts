import type { Migration } from '../database';

/**
 * The orders read model: one row per order (`view` the OrderView as JSON), for reading an order without its
 * workflow, listing and filtering. It lives in the order side's database, which the gateway (reader) and the
 * orchestrator (writer) share; both apply these migrations at start (migrate() serialises them under a lock),
 * so neither depends on the other having started first.
 */
export const ORDERS_READ_MODEL_TABLE = 'orders';

export const ordersReadModelMigrations: Migration[] = [
  {
    id: '0101-orders-read-model',
    statements: [
      `CREATE TABLE IF NOT EXISTS ${ORDERS_READ_MODEL_TABLE} (
         order_id CHAR(36) NOT NULL PRIMARY KEY,
         customer_id VARCHAR(64) NOT NULL,
         status VARCHAR(32) NOT NULL,
         total_cents BIGINT NOT NULL,
         version INT NOT NULL,
         view LONGTEXT NOT NULL,
         created_at DATETIME(3) NOT NULL,
         updated_at DATETIME(3) NOT NULL,
         KEY orders_by_status (status, created_at),
         KEY orders_by_customer (customer_id, created_at)
       ) ENGINE=InnoDB`,
    ],
  },
];
