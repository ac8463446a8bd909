import { expect, it } from 'vitest';
import { groupBySku } from './stock';

it('groups levels by SKU and warehouse, alphabetically, with each SKU’s totals', () => {
  const grouped = groupBySku([
    { sku: 'iPhone15', warehouseId: 'WH-WEST', available: 100, reserved: 0, shipped: 0 },
    { sku: 'MacPro', warehouseId: 'WH-WEST', available: 10, reserved: 0, shipped: 0 },
    { sku: 'MacPro', warehouseId: 'WH-EAST', available: 9, reserved: 1, shipped: 2 },
  ]);
  expect(grouped.map((group) => [group.sku, group.warehouses.map((w) => w.warehouseId), group.total])).toEqual([
    ['iPhone15', ['WH-WEST'], { available: 100, reserved: 0, shipped: 0 }],
    ['MacPro', ['WH-EAST', 'WH-WEST'], { available: 19, reserved: 1, shipped: 2 }],
  ]);
  expect(groupBySku([])).toEqual([]);
});
