import type { OrderView } from '@omniflow/contracts/orders';

/** The API speaks major units (500 for 500.00 USD); the workflow counts cents. */
export const toAmount = (cents: number): number => cents / 100;

/** An order as the API shows it; the same shape from GET, the listing, and the audit and cancel answers. */
export function presentOrder(order: OrderView) {
  return {
    orderId: order.orderId,
    status: order.status,
    reason: order.reason,
    customerId: order.customerId,
    amount: toAmount(order.totalCents),
    currency: order.currency,
    items: order.lines.map((line) => ({ sku: line.sku, qty: line.quantity, unitPrice: toAmount(line.unitPriceCents) })),
    shippingAddress: order.shippingAddress,
    allocations: order.allocations,
    paymentId: order.paymentId,
    chargedAmount: toAmount(order.chargedCents),
    refundedAmount: toAmount(order.refundedCents),
    shipments: order.shipments.map((shipment) => ({
      warehouseId: shipment.warehouseId,
      status: shipment.status,
      shipmentId: shipment.shipmentId,
      trackingNumber: shipment.trackingNumber,
      reason: shipment.reason,
      refundedAmount: toAmount(shipment.refundedCents),
    })),
    review: order.review,
    timeline: order.timeline.map((entry) => ({ status: entry.status, at: entry.at, reason: entry.reason })),
  };
}
