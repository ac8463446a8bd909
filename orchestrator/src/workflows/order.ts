import { ApplicationFailure, defineQuery, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Allocation } from '@omniflow/contracts';
import {
  ORDER_QUERY,
  type OrderStatus,
  type OrderView,
  type OrderWorkflowInput,
  type ShipmentView,
} from '@omniflow/contracts/orders';
import type { CommandActivities } from '../activities';

const { reserveStock, chargePayment, scheduleShipment } = proxyActivities<CommandActivities>({
  // A reply normally comes back in milliseconds. Past this the command is sent again (same idempotency key).
  startToCloseTimeout: '15 seconds',
  // No attempt limit: a participant that is down is waited for, not given up on; its commands wait in Kafka.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export const getOrder = defineQuery<OrderView>(ORDER_QUERY);

/** One order's saga: reserve stock, charge, ship each warehouse's parcel. */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderView> {
  const order = openOrder(input);
  setHandler(getOrder, () => order);

  if (!(await reserve(order))) return order;
  await charge(order);
  await ship(order);
  advance(order, 'COMPLETED');
  return order;
}

function openOrder(input: OrderWorkflowInput): OrderView {
  const order: OrderView = {
    orderId: input.orderId,
    customerId: input.customerId,
    status: 'PENDING',
    reason: null,
    currency: input.currency,
    totalCents: input.totalCents,
    lines: input.lines,
    allocations: [],
    paymentId: null,
    shipments: [],
    timeline: [],
  };
  advance(order, 'PENDING');
  return order;
}

/** Workflow time (`Date`) is deterministic in the sandbox: replay gives the same timeline. */
function advance(order: OrderView, status: OrderStatus, reason: string | null = null): void {
  order.status = status;
  order.reason = reason;
  order.timeline.push({ status, at: new Date().toISOString() });
}

async function reserve(order: OrderView): Promise<boolean> {
  const reply = await reserveStock({
    orderId: order.orderId,
    lines: order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
  });
  if (reply.outcome === 'OUT_OF_STOCK') {
    advance(order, 'OUT_OF_STOCK', reply.reason);
    return false;
  }
  order.allocations = reply.allocations;
  advance(order, 'RESERVED');
  return true;
}

async function charge(order: OrderView): Promise<void> {
  const reply = await chargePayment({
    orderId: order.orderId,
    customerId: order.customerId,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  if (reply.outcome !== 'CHARGED') {
    // Releasing the reserved stock (saga compensation) is not built yet, so a decline must not look handled.
    throw ApplicationFailure.nonRetryable(`payment declined (${reply.reason ?? 'no reason'}); compensation not built yet`);
  }
  order.paymentId = reply.paymentId;
  advance(order, 'PAID');
}

async function ship(order: OrderView): Promise<void> {
  advance(order, 'SHIPPING');
  order.shipments = await Promise.all(
    parcelsByWarehouse(order.allocations).map(async ([warehouseId, lines]): Promise<ShipmentView> => {
      const reply = await scheduleShipment({ orderId: order.orderId, warehouseId, lines });
      return { warehouseId, shipmentId: reply.shipmentId, trackingNumber: reply.trackingNumber };
    }),
  );
}

function parcelsByWarehouse(allocations: Allocation[]): [string, { sku: string; quantity: number }[]][] {
  const parcels = new Map<string, { sku: string; quantity: number }[]>();
  for (const { warehouseId, sku, quantity } of allocations) {
    parcels.set(warehouseId, [...(parcels.get(warehouseId) ?? []), { sku, quantity }]);
  }
  return [...parcels].sort(([a], [b]) => a.localeCompare(b));
}
