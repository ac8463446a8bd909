import { mergeLines, type Allocation, type OrderLine } from '@omniflow/contracts';

/** What allocation needs of one stock row: how many units of a SKU one warehouse can still give. */
export interface WarehouseStock {
  sku: string;
  warehouseId: string;
  available: number;
}

export type AllocationResult = { ok: true; allocations: Allocation[] } | { ok: false; reason: string };

/**
 * Decides where an order's units come from. One warehouse that holds every line wins (one parcel, one
 * shipment); otherwise each line is split across warehouses, largest stock first, to keep parcels few.
 * All or nothing: if any line cannot be covered, nothing is allocated.
 */
export function allocate(lines: OrderLine[], stock: WarehouseStock[]): AllocationResult {
  const demand = new Map(mergeLines(lines).map(({ sku, quantity }) => [sku, quantity]));
  const warehouses = [...new Set(stock.map((level) => level.warehouseId))].sort();
  const availableAt = (sku: string, warehouseId: string) =>
    stock.find((level) => level.sku === sku && level.warehouseId === warehouseId)?.available ?? 0;

  const single = warehouses.find((warehouseId) =>
    [...demand].every(([sku, quantity]) => availableAt(sku, warehouseId) >= quantity),
  );
  if (single) {
    return { ok: true, allocations: [...demand].map(([sku, quantity]) => ({ sku, warehouseId: single, quantity })) };
  }

  const allocations: Allocation[] = [];
  for (const [sku, quantity] of demand) {
    const sources = stock
      .filter((level) => level.sku === sku && level.available > 0)
      .sort((a, b) => b.available - a.available || a.warehouseId.localeCompare(b.warehouseId));
    const total = sources.reduce((sum, level) => sum + level.available, 0);
    if (total < quantity) return { ok: false, reason: `insufficient stock for ${sku}: ${quantity} wanted, ${total} available` };
    let missing = quantity;
    for (const source of sources) {
      if (missing === 0) break;
      const taken = Math.min(missing, source.available);
      allocations.push({ sku, warehouseId: source.warehouseId, quantity: taken });
      missing -= taken;
    }
  }
  return { ok: true, allocations };
}
