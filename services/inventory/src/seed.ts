import type { Sequelize } from 'sequelize';
import type { Logger } from '@omniflow/lib';

/**
 * Demo stock in two warehouses. iPhone15 and MacPro are in both, so the README's orders ship from one;
 * AirPods are only in WH-EAST and iPad only in WH-WEST, so an order of both must split.
 */
const DEMO_STOCK: { sku: string; warehouseId: string; available: number }[] = [
  { sku: 'iPhone15', warehouseId: 'WH-EAST', available: 100 },
  { sku: 'iPhone15', warehouseId: 'WH-WEST', available: 100 },
  { sku: 'MacPro', warehouseId: 'WH-EAST', available: 10 },
  { sku: 'MacPro', warehouseId: 'WH-WEST', available: 10 },
  { sku: 'AirPods', warehouseId: 'WH-EAST', available: 200 },
  { sku: 'iPad', warehouseId: 'WH-WEST', available: 50 },
];

/** Inserts rows that are missing and leaves existing levels alone, so a restart does not refill stock. */
export async function seedStock(sequelize: Sequelize, logger: Logger): Promise<void> {
  for (const row of DEMO_STOCK) {
    await sequelize.query('INSERT IGNORE INTO stock (sku, warehouse_id, available, reserved) VALUES (?, ?, ?, 0)', {
      replacements: [row.sku, row.warehouseId, row.available],
    });
  }
  logger.info({ rows: DEMO_STOCK.length }, 'demo stock seeded');
}
