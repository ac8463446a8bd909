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
           tracking_number VARCHAR(64) NOT NULL,
           status VARCHAR(16) NOT NULL,
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
  {
    id: '0003-shipment-failures-and-addresses',
    statements: [
      // A booking no carrier takes is recorded too (FAILED, no tracking number), so a redelivery finds it.
      'ALTER TABLE shipments MODIFY tracking_number VARCHAR(64) NULL',
      'ALTER TABLE shipments ADD COLUMN reason VARCHAR(255) NULL',
      'ALTER TABLE shipments ADD COLUMN address TEXT NULL',
    ],
  },
];
