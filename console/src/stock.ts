/** Stock levels (GET /api/v1/admin/stock) in the order the table shows them. Pure: unit-tested. */
import type { StockLevel } from '@omniflow/contracts';

export type { StockLevel };

export interface SkuStock {
  sku: string;
  warehouses: StockLevel[];
  total: { available: number; reserved: number; shipped: number };
}

/** Grouped by SKU (alphabetical), each SKU's warehouses alphabetical, with the SKU's totals. */
export function groupBySku(levels: readonly StockLevel[]): SkuStock[] {
  const bySku = new Map<string, StockLevel[]>();
  for (const level of levels) bySku.set(level.sku, [...(bySku.get(level.sku) ?? []), level]);
  return [...bySku.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sku, warehouses]) => ({
      sku,
      warehouses: [...warehouses].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
      total: warehouses.reduce(
        (sum, level) => ({ available: sum.available + level.available, reserved: sum.reserved + level.reserved, shipped: sum.shipped + level.shipped }),
        { available: 0, reserved: 0, shipped: 0 },
      ),
    }));
}
