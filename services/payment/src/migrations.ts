import type { Migration } from '@omniflow/lib';

export const migrations: Migration[] = [
  {
    id: '0002-payments',
    statements: [
      // The unique idempotency key backs the barrier up: even a bug there could not book one charge twice.
      `CREATE TABLE IF NOT EXISTS payments (
           id CHAR(36) NOT NULL PRIMARY KEY,
           order_id VARCHAR(64) NOT NULL,
           idempotency_key VARCHAR(191) NOT NULL,
           customer_id VARCHAR(64) NOT NULL,
           amount_cents BIGINT NOT NULL,
           currency CHAR(3) NOT NULL,
           status VARCHAR(16) NOT NULL,
           provider_reference VARCHAR(64) NULL,
           reason VARCHAR(255) NULL,
           created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
           UNIQUE KEY payments_once_per_branch (idempotency_key),
           KEY payments_by_order (order_id),
           CONSTRAINT payments_amount_positive CHECK (amount_cents > 0)
         ) ENGINE=InnoDB`,
    ],
  },
  {
    id: '0003-refunds',
    statements: [
      `CREATE TABLE IF NOT EXISTS refunds (
         id CHAR(36) NOT NULL PRIMARY KEY,
         order_id VARCHAR(64) NOT NULL,
         idempotency_key VARCHAR(191) NOT NULL,
         payment_id CHAR(36) NOT NULL,
         amount_cents BIGINT NOT NULL,
         provider_reference VARCHAR(64) NOT NULL,
         reason VARCHAR(255) NULL,
         created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         KEY refunds_by_order (order_id),
         CONSTRAINT refunds_amount_positive CHECK (amount_cents > 0)
       ) ENGINE=InnoDB`,
    ],
  },
];
