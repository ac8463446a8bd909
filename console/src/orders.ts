/** Orders as the console lists them, and how a live change updates a list. Pure: unit-tested. */

export { ORDER_STATUSES } from '@omniflow/contracts/orders';

/** What every view of an order shows. */
interface OrderSummary {
  orderId: string;
  customerId: string;
  status: string;
  reason: string | null;
  amount: number;
  currency: string;
}

/** One row: what GET /api/v1/orders and the live `order` events both carry. */
export interface OrderRow extends OrderSummary {
  createdAt: string;
  /** The timeline's length: only grows, so a higher one is newer. */
  version: number;
}

/** A live `order` event from /api/v1/admin/events: a row and when the change happened. */
export interface OrderChange extends OrderRow {
  at: string;
}

/** An order as the API answers it (the fields the console reads). */
export interface ApiOrder extends OrderSummary {
  items: { sku: string; qty: number; unitPrice: number }[];
  allocations: { sku: string; warehouseId: string; quantity: number }[];
  chargedAmount: number;
  refundedAmount: number;
  shipments: { warehouseId: string; status: string; trackingNumber: string | null; reason: string | null; refundedAmount: number }[];
  review: { auditor: string; action: string; reason: string | null; at: string } | null;
  timeline: { status: string; at: string; reason: string | null }[];
}

export function rowOf(order: ApiOrder): OrderRow {
  const { orderId, customerId, status, reason, amount, currency, timeline } = order;
  return { orderId, customerId, status, reason, amount, currency, createdAt: timeline[0]?.at ?? '', version: timeline.length };
}

/**
 * The list after a change: a known order takes the change only if it is newer (events may come twice or out
 * of order); an unknown one joins, newest first, if `belongs` says it fits the list's filter.
 */
export function applyChange(rows: readonly OrderRow[], change: OrderChange, belongs: (status: string) => boolean): OrderRow[] {
  const { at: _at, ...fields } = change;
  const known = rows.find((row) => row.orderId === change.orderId);
  if (known) return known.version >= change.version ? [...rows] : rows.map((row) => (row === known ? { ...row, ...fields } : row));
  if (!belongs(change.status)) return [...rows];
  return [...rows, fields].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.orderId.localeCompare(b.orderId));
}

/** "42s", "5m", "3h", "2d": how long ago an order was placed, at a glance. */
export function formatAge(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (Number.isNaN(seconds)) return '?';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

export function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** The order's workflow in the Temporal Web UI (workflow id `order-<orderId>`); null when no UI is configured. */
export function workflowUrl(temporalUiUrl: string | null, namespace: string, orderId: string): string | null {
  if (!temporalUiUrl) return null;
  return `${temporalUiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(`order-${orderId}`)}`;
}
