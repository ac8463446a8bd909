import type { Migration } from '@omniflow/lib';

export const migrations: Migration[] = [
  {
    id: '0002-stock-and-reservations',
    statements: [
      // The CHECKs are the last line of defence against oversell: a bug that would drive stock negative fails.
      `CREATE TABLE IF NOT EXISTS stock (
           sku VARCHAR(64) NOT NULL,
           warehouse_id VARCHAR(64) NOT NULL,
           available INT NOT NULL,
           reserved INT NOT NULL DEFAULT 0,
           PRIMARY KEY (sku, warehouse_id),
           CONSTRAINT stock_available_not_negative CHECK (available >= 0),
           CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0)
         ) ENGINE=InnoDB`,
      `CREATE TABLE IF NOT EXISTS reservations (
           id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
           order_id VARCHAR(64) NOT NULL,
           idempotency_key VARCHAR(191) NOT NULL,
           sku VARCHAR(64) NOT NULL,
           warehouse_id VARCHAR(64) NOT NULL,
           quantity INT NOT NULL,
           status VARCHAR(16) NOT NULL,
           created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
           KEY reservations_by_order (order_id)
         ) ENGINE=InnoDB`,
    ],
  },
  {
    id: '0003-stock-shipped',
    statements: [
      // Units only move between available, reserved and shipped, so their sum never changes.
      'ALTER TABLE stock ADD COLUMN shipped INT NOT NULL DEFAULT 0',
      'ALTER TABLE stock ADD CONSTRAINT stock_shipped_not_negative CHECK (shipped >= 0)',
    ],
  },
  {
    id: '0004-stock-version',
    statements: [
      // Bumped on every row of a SKU by each transaction that changes the SKU's availability (availability.ts), so
      // SUM(version) over a SKU's rows orders its published availabilities, whichever replica sends them.
      'ALTER TABLE stock ADD COLUMN version BIGINT NOT NULL DEFAULT 0',
    ],
  },
];
