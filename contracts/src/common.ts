import type { AvroValue } from './avro-value';

/** Money is always an integer number of cents: no floating point anywhere on the wire. */
export type OrderLine = AvroValue<ReturnType<typeof orderLineSchema>>;

/** The same SKU on two lines is one line. First-seen order is kept, so replies list lines as ordered. */
export function mergeLines(lines: OrderLine[]): OrderLine[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
}

export type Allocation = AvroValue<ReturnType<typeof allocationSchema>>;

export const orderLineSchema = (namespace: string) => ({
  type: 'record',
  name: 'OrderLine',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'quantity', type: 'int' },
  ],
}) as const;

export const allocationSchema = (namespace: string) => ({
  type: 'record',
  name: 'Allocation',
  namespace,
  fields: [
    { name: 'sku', type: 'string' },
    { name: 'warehouseId', type: 'string' },
    { name: 'quantity', type: 'int' },
  ],
}) as const;

/** A nullable string field; spread into a field definition next to its name. */
export const optionalString = () => ({ type: ['null', 'string'], default: null }) as const;
