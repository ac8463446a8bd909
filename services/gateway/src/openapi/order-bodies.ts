/** What the order operations answer, and the order changes the admin event stream sends. */
import { z } from 'zod/v4';
import { MAX_LIST_LIMIT } from '../orders/list-query';
import { shippingAddress } from '../orders/address';
import { AUDIT_ACTIONS } from '../orders/update-request';
import { amount, orderId, orderStatus, reason, timestamp } from './fields';

export const placedOrder = z.strictObject({ orderId, status: orderStatus, amount, currency: z.string() });

const item = z.strictObject({ sku: z.string(), qty: z.int(), unitPrice: amount });
const allocation = z.strictObject({ sku: z.string(), warehouseId: z.string(), quantity: z.int() });
const shipment = z.strictObject({
  warehouseId: z.string(),
  status: z.enum(['SCHEDULED', 'FAILED']),
  shipmentId: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  reason,
  refundedAmount: amount,
});
const review = z.strictObject({ auditor: z.string(), action: z.enum(AUDIT_ACTIONS), reason, at: timestamp });
const timelineEntry = z.strictObject({ status: orderStatus, at: timestamp, reason });

export const order = z.strictObject({
  orderId,
  status: orderStatus,
  reason,
  customerId: z.string(),
  amount,
  currency: z.string(),
  items: z.array(item),
  shippingAddress: shippingAddress.nullable(),
  allocations: z.array(allocation),
  paymentId: z.string().nullable(),
  chargedAmount: amount,
  refundedAmount: amount,
  shipments: z.array(shipment).describe('One parcel per warehouse.'),
  review: review.nullable(),
  timeline: z.array(timelineEntry),
});

export const orderList = z.strictObject({ orders: z.array(order) }).describe(`Newest first, at most ${MAX_LIST_LIMIT}.`);

export const orderChange = z
  .strictObject({
    orderId,
    customerId: z.string(),
    status: orderStatus,
    reason,
    amount,
    currency: z.string(),
    version: z.int().min(1).describe("The timeline's length: only grows, so keep the highest seen."),
    createdAt: timestamp,
    at: timestamp,
  })
  .describe("An order's new status, enough to update a listing row: the data of an `order` event.");
