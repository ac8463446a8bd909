import { allocationSchema, optionalString, orderLineSchema, type Allocation, type OrderLine } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.inventory';

/** Hold stock for every line, from one warehouse where possible; all or nothing. */
export interface ReserveStock {
  orderId: string;
  lines: OrderLine[];
}

/** ABORTED: the reservation arrived after its compensation and was refused, holding nothing. */
export type ReserveStockOutcome = 'RESERVED' | 'OUT_OF_STOCK' | 'ABORTED';

export interface ReserveStockReply {
  outcome: ReserveStockOutcome;
  /** Where each line's units are held; empty unless RESERVED. */
  allocations: Allocation[];
  reason: string | null;
}

/**
 * Put an order's held units back on sale: all of them (warehouseId null; the saga's compensation of
 * ReserveStock) or one warehouse's (a parcel that could not be shipped). Holding nothing is not an error.
 */
export interface ReleaseStock {
  orderId: string;
  warehouseId: string | null;
}

export interface ReleaseStockReply {
  released: Allocation[];
}

/** A parcel left the warehouse: its held units are now shipped. */
export interface CommitStock {
  orderId: string;
  warehouseId: string;
}

export interface CommitStockReply {
  committed: Allocation[];
}

const allocationList = (name: string) => ({ name, type: { type: 'array', items: allocationSchema(namespace) } }) as const;

export const ReserveStock = defineMessage<ReserveStock>('inventory.ReserveStock', {
  type: 'record',
  name: 'ReserveStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'lines', type: { type: 'array', items: orderLineSchema(namespace) } },
  ],
});

export const ReserveStockReply = defineMessage<ReserveStockReply>('inventory.ReserveStockReply', {
  type: 'record',
  name: 'ReserveStockReply',
  namespace,
  fields: [
    { name: 'outcome', type: { type: 'enum', name: 'ReserveStockOutcome', symbols: ['RESERVED', 'OUT_OF_STOCK', 'ABORTED'] } },
    allocationList('allocations'),
    { name: 'reason', ...optionalString() },
  ],
});

export const ReleaseStock = defineMessage<ReleaseStock>('inventory.ReleaseStock', {
  type: 'record',
  name: 'ReleaseStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', ...optionalString() },
  ],
});

export const ReleaseStockReply = defineMessage<ReleaseStockReply>('inventory.ReleaseStockReply', {
  type: 'record',
  name: 'ReleaseStockReply',
  namespace,
  fields: [allocationList('released')],
});

export const CommitStock = defineMessage<CommitStock>('inventory.CommitStock', {
  type: 'record',
  name: 'CommitStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', type: 'string' },
  ],
});

export const CommitStockReply = defineMessage<CommitStockReply>('inventory.CommitStockReply', {
  type: 'record',
  name: 'CommitStockReply',
  namespace,
  fields: [allocationList('committed')],
});

/**
 * How many units of a SKU can be sold right now, summed over every warehouse: published by inventory after each
 * transaction that changes it (and again periodically), keyed by SKU on a compacted topic, so a reader of the
 * topic from its start ends with every SKU's latest value. `version` only grows with each change of the SKU's
 * stock, whichever inventory replica made it: a reader keeps the value with the highest version, so a message
 * that arrives late never undoes a newer one. Advisory only: the reservation stays the authority on stock.
 */
export interface StockAvailability {
  sku: string;
  available: number;
  version: number;
}

export const StockAvailability = defineMessage<StockAvailability>('inventory.StockAvailability', {
  type: 'record',
  name: 'StockAvailability',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'available', type: 'long' },
    { name: 'version', type: 'long' },
  ],
});

/**
 * One SKU's units in one warehouse, as the inventory service's `GET /stock` answers them (HTTP, on its health
 * port) and the gateway passes them on to the console.
 */
export interface StockLevel {
  sku: string;
  warehouseId: string;
  available: number;
  reserved: number;
  shipped: number;
}
