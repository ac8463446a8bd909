import { allocationSchema, optionalString, orderLineSchema, type Allocation, type OrderLine } from './common';
import { defineMessage } from './codec';

const namespace = 'omniflow.inventory';

/** Hold stock for every line, from one warehouse where possible; all or nothing. */
export interface ReserveStock {
  orderId: string;
  lines: OrderLine[];
}

export type ReserveStockOutcome = 'RESERVED' | 'OUT_OF_STOCK';

export interface ReserveStockReply {
  outcome: ReserveStockOutcome;
  /** Where each line's units are held; empty unless RESERVED. */
  allocations: Allocation[];
  reason: string | null;
}

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
    { name: 'outcome', type: { type: 'enum', name: 'ReserveStockOutcome', symbols: ['RESERVED', 'OUT_OF_STOCK'] } },
    { name: 'allocations', type: { type: 'array', items: allocationSchema(namespace) } },
    { name: 'reason', ...optionalString() },
  ],
});
