import type { OrderPolicy } from '@omniflow/contracts/orders';
import type { SoldOutCheck } from '../availability/book';
import type { Catalog } from '../catalog/catalog';
import type { OrderDirectory } from './directory';
import type { OrderWorkflows } from './workflow-client';

/** What the order routes work with; unit tests hand in fakes, main.ts the MySQL and Temporal ones. */
export interface OrderDeps {
  catalog: Catalog;
  workflows: OrderWorkflows;
  /** Which SKUs are known to be sold out (from inventory's availability topic), so those orders start nothing. */
  availability: SoldOutCheck;
  directory: OrderDirectory;
  /** The rules every new order is started under. */
  policy: OrderPolicy;
  /** Verifies bearer tokens and keys idempotent order ids. */
  authSecret: string;
}
