import type { OrderStatus } from '@omniflow/contracts/orders';

/**
 * Every OrderStatus, for validating a status filter at run time (the contract has the type only). The
 * record's keys must be exactly the union, so a status added to the contract fails to compile here.
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
