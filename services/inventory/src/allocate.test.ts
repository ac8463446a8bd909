import { allocate, type WarehouseStock } from './allocate';

const stock: WarehouseStock[] = [
  { sku: 'A', warehouseId: 'WH-EAST', available: 5 },
  { sku: 'A', warehouseId: 'WH-WEST', available: 8 },
  { sku: 'B', warehouseId: 'WH-EAST', available: 3 },
  { sku: 'C', warehouseId: 'WH-WEST', available: 4 },
];

describe('allocate', () => {
  it('takes everything from one warehouse when one can fill the whole order', () => {
    expect(allocate([{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 3 }], stock)).toEqual({
      ok: true,
      allocations: [
        { sku: 'A', warehouseId: 'WH-EAST', quantity: 2 },
        { sku: 'B', warehouseId: 'WH-EAST', quantity: 3 },
      ],
    });
  });

  it('prefers the one warehouse holding every line even when another has more of one SKU', () => {
    const result = allocate([{ sku: 'A', quantity: 6 }, { sku: 'C', quantity: 1 }], stock);
    expect(result).toEqual({
      ok: true,
      allocations: [
        { sku: 'A', warehouseId: 'WH-WEST', quantity: 6 },
        { sku: 'C', warehouseId: 'WH-WEST', quantity: 1 },
      ],
    });
  });

  it('splits across warehouses, largest stock first, when no single warehouse can', () => {
    expect(allocate([{ sku: 'A', quantity: 10 }, { sku: 'B', quantity: 1 }], stock)).toEqual({
      ok: true,
      allocations: [
        { sku: 'A', warehouseId: 'WH-WEST', quantity: 8 },
        { sku: 'A', warehouseId: 'WH-EAST', quantity: 2 },
        { sku: 'B', warehouseId: 'WH-EAST', quantity: 1 },
      ],
    });
  });

  it('allocates nothing when any line cannot be covered', () => {
    expect(allocate([{ sku: 'B', quantity: 1 }, { sku: 'A', quantity: 14 }], stock)).toEqual({
      ok: false,
      reason: 'insufficient stock for A: 14 wanted, 13 available',
    });
  });

  it('treats an unknown SKU as out of stock', () => {
    expect(allocate([{ sku: 'Z', quantity: 1 }], stock)).toEqual({ ok: false, reason: 'insufficient stock for Z: 1 wanted, 0 available' });
  });

  it('adds up repeated lines of one SKU before allocating', () => {
    expect(allocate([{ sku: 'B', quantity: 2 }, { sku: 'B', quantity: 2 }], stock)).toMatchObject({ ok: false });
    expect(allocate([{ sku: 'B', quantity: 1 }, { sku: 'B', quantity: 2 }], stock)).toEqual({
      ok: true,
      allocations: [{ sku: 'B', warehouseId: 'WH-EAST', quantity: 3 }],
    });
  });
});
