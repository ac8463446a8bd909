/** Helpers for tests that drive order workflows directly through Temporal (no HTTP), with their own policy. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Sequelize } from 'sequelize';
import {
  ORDER_WORKFLOW,
  workflowIdFor,
  type OrderPolicy,
  type OrderView,
  type OrderWorkflowInput,
  type PricedLine,
} from '@omniflow/contracts/orders';
import { testStack } from './test-stack';

export const FAST_POLICY: OrderPolicy = {
  reviewThresholdCents: 10_000_00,
  reviewTimeoutMs: 30_000,
  paymentTimeoutMs: 30_000,
  replyTimeoutMs: 3_000,
};

/** Stock for a SKU no other test uses, so what a test measures only its own orders move. */
export async function stockUp(inventory: Sequelize, levels: Record<string, number>): Promise<string> {
  const sku = `T-${randomUUID().slice(0, 8)}`;
  for (const [warehouseId, available] of Object.entries(levels)) {
    await inventory.query('INSERT INTO stock (sku, warehouse_id, available, reserved) VALUES (?, ?, ?, 0)', {
      replacements: [sku, warehouseId, available],
    });
  }
  return sku;
}

export async function startOrder(
  client: Client,
  lines: PricedLine[],
  options: { customerId?: string; policy?: Partial<OrderPolicy> } = {},
): Promise<{ orderId: string; result: () => Promise<OrderView> }> {
  const orderId = randomUUID();
  const input: OrderWorkflowInput = {
    orderId,
    customerId: options.customerId ?? 'guest',
    currency: 'USD',
    lines,
    totalCents: lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0),
    shippingAddress: null,
    policy: { ...FAST_POLICY, ...options.policy },
  };
  const handle = await client.workflow.start(ORDER_WORKFLOW, {
    taskQueue: testStack().taskQueue,
    workflowId: workflowIdFor(orderId),
    args: [input],
  });
  return { orderId, result: () => handle.result() as Promise<OrderView> };
}

export interface StockLevels {
  available: number;
  reserved: number;
  shipped: number;
}

export async function stockOf(inventory: Sequelize, sku: string): Promise<Record<string, StockLevels>> {
  const [rows] = await inventory.query('SELECT warehouse_id, available, reserved, shipped FROM stock WHERE sku = ?', { replacements: [sku] });
  return Object.fromEntries(
    (rows as (StockLevels & { warehouse_id: string })[]).map(({ warehouse_id, ...levels }) => [warehouse_id, levels]),
  );
}
