/** What order-level tests talk to besides HTTP: Temporal, the order side's database (catalog), inventory's. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import { openDatabase } from './databases';
import { temporalClient } from './temporal';

export interface StackClients {
  temporal: Client;
  catalog: Sequelize;
  inventory: Sequelize;
  close(): Promise<void>;
}

export async function openStackClients(): Promise<StackClients> {
  const temporal = await temporalClient();
  const catalog = openDatabase('orders');
  const inventory = openDatabase('inventory');
  return {
    temporal: temporal.client,
    catalog,
    inventory,
    async close() {
      await temporal.close();
      await catalog.close();
      await inventory.close();
    },
  };
}

/** A SKU of the test's own: in the catalog at `priceCents`, with `units` in stock in WH-EAST. */
export async function sellableSku({ catalog, inventory }: StackClients, units: number, priceCents: number, prefix = 'HOT'): Promise<string> {
  const sku = `${prefix}-${randomUUID().slice(0, 8)}`;
  await catalog.query('INSERT INTO products (sku, name, price_cents) VALUES (?, ?, ?)', { replacements: [sku, `${prefix} item`, priceCents] });
  await inventory.query("INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, 'WH-EAST', ?, 0)", { replacements: [sku, units] });
  return sku;
}
