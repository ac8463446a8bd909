/**
 * What the gateway and the order workflow agree on. This file imports nothing at run time, so the workflow
 * sandbox can bundle it (import it as `@omniflow/contracts/orders`, never through the package index, which
 * pulls in avsc and node:crypto).
 */
import type { Allocation, OrderLine } from './common';
import type { Address } from './shipping';

export const ORDER_WORKFLOW = 'orderWorkflow';
export const ORDER_QUERY = 'getOrder';
/** Temporal Updates: the caller learns at once whether its request was accepted, and the new state. */
export const AUDIT_UPDATE = 'audit';
export const CANCEL_UPDATE = 'cancel';

export const workflowIdFor = (orderId: string): string => `order-${orderId}`;
export const shipmentWorkflowIdFor = (orderId: string, warehouseId: string): string =>
  `order-${orderId}/shipment-${warehouseId}`;
/** The order a workflow id belongs to (its own workflow or a shipment child's), for log lines that know only the id. */
export const orderIdOfWorkflow = (workflowId: string): string | undefined => /^order-([^/]+)/.exec(workflowId)?.[1];

export type OrderStatus =
  | 'PENDING'
  | 'RESERVED'
  | 'PENDING_REVIEW'
  | 'PAID'
  | 'SHIPPING'
  | 'COMPLETED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPING_FAILED'
  | 'CANCELLED'
  | 'REJECTED'
  | 'PAYMENT_FAILED'
  | 'OUT_OF_STOCK'
  | 'TIMED_OUT';

/**
 * Every OrderStatus, for validating and listing statuses at run time. The record's keys must be exactly the
 * union, so a status added to the type fails to compile here until it is listed.
 */
const EVERY_STATUS: Record<OrderStatus, true> = {
  PENDING: true,
  RESERVED: true,
  PENDING_REVIEW: true,
  PAID: true,
  SHIPPING: true,
  COMPLETED: true,
  PARTIALLY_SHIPPED: true,
  SHIPPING_FAILED: true,
  CANCELLED: true,
  REJECTED: true,
  PAYMENT_FAILED: true,
  OUT_OF_STOCK: true,
  TIMED_OUT: true,
};

export const ORDER_STATUSES = Object.keys(EVERY_STATUS) as [OrderStatus, ...OrderStatus[]];

export const TERMINAL_STATUSES: readonly OrderStatus[] = [
  'COMPLETED',
  'PARTIALLY_SHIPPED',
  'SHIPPING_FAILED',
  'CANCELLED',
  'REJECTED',
  'PAYMENT_FAILED',
  'OUT_OF_STOCK',
  'TIMED_OUT',
];

/** Statuses from which a customer may still cancel: nothing has left a warehouse yet. */
export const CANCELLABLE_STATUSES: readonly OrderStatus[] = ['PENDING', 'RESERVED', 'PENDING_REVIEW', 'PAID'];

/** A line as priced by the gateway from the catalog when the order was placed. */
export interface PricedLine extends OrderLine {
  unitPriceCents: number;
}

/** Where an order goes: the shipping command's address, as the customer gave it. */
export type ShippingAddress = Address;

/** The rules an order runs under, fixed when it is placed (so a config change never alters a running order). */
export interface OrderPolicy {
  /** Orders whose total is above this wait in PENDING_REVIEW for an auditor. */
  reviewThresholdCents: number;
  /** How long an order may wait for an auditor before it is cancelled (TIMED_OUT). */
  reviewTimeoutMs: number;
  /** How long the charge may take before the order is cancelled (TIMED_OUT) and any late charge refunded. */
  paymentTimeoutMs: number;
  /** How long an activity waits for a participant's reply before sending the same command again. */
  replyTimeoutMs: number;
}

export interface OrderWorkflowInput {
  orderId: string;
  customerId: string;
  currency: string;
  lines: PricedLine[];
  totalCents: number;
  shippingAddress: ShippingAddress | null;
  policy: OrderPolicy;
  /**
   * When the gateway accepted the order (ISO 8601): the PENDING entry of its timeline. Absent from orders placed
   * before it was added; their workflows stamp PENDING with the time of their first task.
   */
  placedAt?: string;
}

/**
 * The order as it stands the moment it is placed: PENDING, nothing held. The workflow starts from it, and the
 * gateway can show it before the workflow's first status write lands (from the workflow's memo, no worker).
 */
export function placedOrder(input: OrderWorkflowInput, placedAt: string): OrderView {
  const { orderId, customerId, currency, totalCents, lines, shippingAddress } = input;
  return {
    ...{ orderId, customerId, status: 'PENDING', reason: null, currency, totalCents, lines, shippingAddress },
    ...{ allocations: [], paymentId: null, chargedCents: 0, refundedCents: 0, shipments: [], review: null },
    timeline: [{ status: 'PENDING', at: placedAt, reason: null }],
  };
}

export type ShipmentStatus = 'SCHEDULED' | 'FAILED';

export interface ShipmentView {
  warehouseId: string;
  status: ShipmentStatus;
  shipmentId: string | null;
  trackingNumber: string | null;
  reason: string | null;
  /** What was refunded for this parcel when it could not be shipped. */
  refundedCents: number;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  reason: string | null;
}

/** The order as the workflow sees it; answered by the `getOrder` query and the Updates. */
export interface OrderView {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  /** Why the order ended where it did, for an end other than COMPLETED. */
  reason: string | null;
  currency: string;
  totalCents: number;
  lines: PricedLine[];
  shippingAddress: ShippingAddress | null;
  allocations: Allocation[];
  paymentId: string | null;
  chargedCents: number;
  refundedCents: number;
  shipments: ShipmentView[];
  review: { auditor: string; action: AuditAction; reason: string | null; at: string } | null;
  timeline: TimelineEntry[];
}

export type AuditAction = 'APPROVE' | 'REJECT';

export interface AuditRequest {
  action: AuditAction;
  reason: string | null;
  /** Who decided (the auditor's subject from their token); recorded on the order. */
  auditor: string;
}

export interface CancelRequest {
  reason: string | null;
  /** Who asked (customer id, `guest`, or an auditor's subject). */
  requestedBy: string;
}

/**
 * `ApplicationFailure` types an Update is rejected with. The gateway maps both to 409: the request was well
 * formed but the order is not in a state that allows it.
 */
export const UpdateRejection = {
  notAwaitingReview: 'NotAwaitingReview',
  tooLateToCancel: 'TooLateToCancel',
} as const;
