import type { Migration } from '@omniflow/lib';

export const migrations: Migration[] = [
  {
    id: '0002-shipments',
    statements: [
      `CREATE TABLE IF NOT EXISTS shipments (
           id CHAR(36) NOT NULL PRIMARY KEY,
           order_id VARCHAR(64) NOT NULL,
           idempotency_key VARCHAR(191) NOT NULL,
           warehouse_id VARCHAR(64) NOT NULL,
           tracking_number VARCHAR(64) NULL,
           status VARCHAR(16) NOT NULL,
           reason VARCHAR(255) NULL,
           address TEXT NULL,
           created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
           UNIQUE KEY shipments_once_per_branch (idempotency_key),
           KEY shipments_by_order (order_id)
         ) ENGINE=InnoDB`,
      `CREATE TABLE IF NOT EXISTS shipment_lines (
           shipment_id CHAR(36) NOT NULL,
           sku VARCHAR(64) NOT NULL,
           quantity INT NOT NULL,
           PRIMARY KEY (shipment_id, sku),
           CONSTRAINT shipment_lines_quantity_positive CHECK (quantity > 0)
         ) ENGINE=InnoDB`,
    ],
  },
];
