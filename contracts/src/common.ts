import type * as avro from 'avsc';

/** Money is always an integer number of cents: no floating point anywhere on the wire. */
export interface OrderLine {
  sku: string;
  quantity: number;
}

/** The same SKU on two lines is one line. First-seen order is kept, so replies list lines as ordered. */
export function mergeLines(lines: OrderLine[]): OrderLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

export interface Allocation {
  sku: string;
  warehouseId: string;
  quantity: number;
}

export const orderLineSchema = (namespace: string): avro.Schema => ({
  type: 'record',
  name: 'OrderLine',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'quantity', type: 'int' },
  ],
});

export const allocationSchema = (namespace: string): avro.Schema => ({
  type: 'record',
  name: 'Allocation',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'warehouseId', type: 'string' },
    { name: 'quantity', type: 'int' },
  ],
});

/** A nullable string field; spread into a field definition next to its name. */
export const optionalString = (): { type: avro.Schema; default: null } => ({ type: ['null', 'string'], default: null });
