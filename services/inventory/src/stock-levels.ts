import { QueryTypes, type Sequelize } from 'sequelize';
import type { StockLevel } from '@omniflow/contracts';

/** Every SKU's levels per warehouse, or one SKU's: read-only, one indexed query. */
export async function readStockLevels(sequelize: Pick<Sequelize, 'query'>, sku: string | null): Promise<StockLevel[]> {
  return sequelize.query<StockLevel>(
    `SELECT sku, warehouse_id AS warehouseId, available, reserved, shipped FROM stock${sku === null ? '' : ' WHERE sku = ?'} ORDER BY sku, warehouse_id`,
    { replacements: sku === null ? [] : [sku], type: QueryTypes.SELECT },
  );
}
