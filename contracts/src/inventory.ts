import { allocationSchema, optionalString, orderLineSchema } from './common';
import { defineMessage, type BodyOf } from './codec';

const namespace = 'omniflow.inventory';

// Generic so that the field's name stays a literal: it becomes a key of the message's type.
const allocationList = <N extends string>(name: N) => ({ name, type: { type: 'array', items: allocationSchema(namespace) } }) as const;

/** Hold stock for every line, from one warehouse where possible; all or nothing. */
export const ReserveStock = defineMessage('inventory.ReserveStock', {
  type: 'record',
  name: 'ReserveStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'lines', type: { type: 'array', items: orderLineSchema(namespace) } },
  ],
});
export type ReserveStock = BodyOf<typeof ReserveStock>;

export const ReserveStockReply = defineMessage('inventory.ReserveStockReply', {
  type: 'record',
  name: 'ReserveStockReply',
  namespace,
  fields: [
    { name: 'outcome', type: { type: 'enum', name: 'ReserveStockOutcome', symbols: ['RESERVED', 'OUT_OF_STOCK', 'ABORTED'] } },
    /** Where each line's units are held; empty unless RESERVED. */
    allocationList('allocations'),
    { name: 'reason', ...optionalString() },
  ],
});
export type ReserveStockReply = BodyOf<typeof ReserveStockReply>;

/** ABORTED: the reservation arrived after its compensation and was refused, holding nothing. */
export type ReserveStockOutcome = ReserveStockReply['outcome'];

/**
 * Put an order's held units back on sale: all of them (warehouseId null; the saga's compensation of
 * ReserveStock) or one warehouse's (a parcel that could not be shipped). Holding nothing is not an error.
 */
export const ReleaseStock = defineMessage('inventory.ReleaseStock', {
  type: 'record',
  name: 'ReleaseStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', ...optionalString() },
  ],
});
export type ReleaseStock = BodyOf<typeof ReleaseStock>;

export const ReleaseStockReply = defineMessage('inventory.ReleaseStockReply', {
  type: 'record',
  name: 'ReleaseStockReply',
  namespace,
  fields: [allocationList('released')],
});
export type ReleaseStockReply = BodyOf<typeof ReleaseStockReply>;

/** A parcel left the warehouse: its held units are now shipped. */
export const CommitStock = defineMessage('inventory.CommitStock', {
  type: 'record',
  name: 'CommitStock',
  namespace,
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'warehouseId', type: 'string' },
  ],
});
export type CommitStock = BodyOf<typeof CommitStock>;

export const CommitStockReply = defineMessage('inventory.CommitStockReply', {
  type: 'record',
  name: 'CommitStockReply',
  namespace,
  fields: [allocationList('committed')],
});
export type CommitStockReply = BodyOf<typeof CommitStockReply>;

/**
 * How many units of a SKU can be sold right now, summed over every warehouse: published by inventory after each
 * transaction that changes it (and again periodically), keyed by SKU on a compacted topic, so a reader of the
 * topic from its start ends with every SKU's latest value. `version` only grows with each change of the SKU's
 * stock, whichever inventory replica made it: a reader keeps the value with the highest version, so a message
 * that arrives late never undoes a newer one. Advisory only: the reservation stays the authority on stock.
 */
export const StockAvailability = defineMessage('inventory.StockAvailability', {
  type: 'record',
  name: 'StockAvailability',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'available', type: 'long' },
    { name: 'version', type: 'long' },
  ],
});
export type StockAvailability = BodyOf<typeof StockAvailability>;

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
