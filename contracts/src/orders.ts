/**
 * What the gateway and the order workflow agree on. This file imports nothing at run time, so the workflow
 * sandbox can bundle it (import it as `@omniflow/contracts/orders`, never through the package index, which
 * pulls in avsc and node:crypto).
 */
import type { Allocation, OrderLine } from './common';

export const ORDER_WORKFLOW = 'orderWorkflow';
export const ORDER_QUERY = 'getOrder';

export const workflowIdFor = (orderId: string): string => `order-${orderId}`;

export type OrderStatus = 'PENDING' | 'RESERVED' | 'PAID' | 'SHIPPING' | 'COMPLETED' | 'OUT_OF_STOCK';

export const TERMINAL_STATUSES: readonly OrderStatus[] = ['COMPLETED', 'OUT_OF_STOCK'];

/** A line as priced by the gateway from the catalog when the order was placed. */
export interface PricedLine extends OrderLine {
  unitPriceCents: number;
}

export interface OrderWorkflowInput {
  orderId: string;
  customerId: string;
  currency: string;
  lines: PricedLine[];
  totalCents: number;
}

export interface ShipmentView {
  warehouseId: string;
  shipmentId: string | null;
  trackingNumber: string | null;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
}

/** The order as the workflow sees it; answered by the `getOrder` query. */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  /** Why the order ended where it did, for an end other than COMPLETED. */
  reason: string | null;
  currency: string;
  totalCents: number;
  lines: PricedLine[];
  allocations: Allocation[];
  paymentId: string | null;
  shipments: ShipmentView[];
  timeline: TimelineEntry[];
}
