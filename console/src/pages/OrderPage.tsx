import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useOrderChanges } from '../hooks';
import { formatAmount, workflowUrl, type ApiOrder, type OrderChange } from '../orders';
import { StatusBadge } from './StatusBadge';

/** One order: what it holds, where it went, its timeline, and its workflow in Temporal's UI. Re-read on each change. */
export function OrderPage({ orderId }: { orderId: string }) {
  const { session, changes, fail, temporalUiUrl, temporalNamespace } = useConsole();
  const [order, setOrder] = useState<ApiOrder | null>(null);

  const load = useCallback(() => api<ApiOrder>(`/api/v1/orders/${orderId}`, session.token).then(setOrder, fail), [orderId, session.token, fail]);
  useEffect(() => void load(), [load]);
  useOrderChanges(
    changes,
    useCallback((change: OrderChange) => change.orderId === orderId && void load(), [orderId, load]),
  );

  if (!order) return <p>Loading…</p>;
  const workflow = workflowUrl(temporalUiUrl, temporalNamespace, order.orderId);
  return (
    <section>
      <header className="page-header">
        <h2>
          Order <span className="mono">{order.orderId}</span>
        </h2>
        <span data-field="status">
          <StatusBadge status={order.status} />
        </span>
      </header>
      <dl className="facts">
        <dt>Customer</dt>
        <dd>{order.customerId}</dd>
        <dt>Amount</dt>
        <dd>{formatAmount(order.amount, order.currency)}</dd>
        <dt>Charged / refunded</dt>
        <dd>
          {formatAmount(order.chargedAmount, order.currency)} / {formatAmount(order.refundedAmount, order.currency)}
        </dd>
        <dt>Items</dt>
        <dd>{order.items.map((item) => `${item.qty} × ${item.sku}`).join(', ')}</dd>
        <dt>Allocations</dt>
        <dd>{order.allocations.map((a) => `${a.quantity} × ${a.sku} @ ${a.warehouseId}`).join(', ') || '—'}</dd>
        <dt>Shipments</dt>
        <dd>{order.shipments.map((s) => `${s.warehouseId}: ${s.status}${s.trackingNumber ? ` ${s.trackingNumber}` : ''}${s.reason ? ` (${s.reason})` : ''}`).join('; ') || '—'}</dd>
        <dt>Review</dt>
        <dd>{order.review ? `${order.review.action} by ${order.review.auditor}${order.review.reason ? `: ${order.review.reason}` : ''}` : '—'}</dd>
        {order.reason && (
          <>
            <dt>Reason</dt>
            <dd>{order.reason}</dd>
          </>
        )}
        <dt>Workflow</dt>
        <dd>
          {workflow ? (
            <a href={workflow} target="_blank" rel="noreferrer" className="workflow-link">
              order-{order.orderId} in the Temporal Web UI
            </a>
          ) : (
            `order-${order.orderId} (no Temporal UI configured)`
          )}
        </dd>
      </dl>
      <h3>Timeline</h3>
      <ol className="timeline">
        {order.timeline.map((entry, index) => (
          <li key={index}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> <StatusBadge status={entry.status} />
            {entry.reason && <span className="reason">{entry.reason}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
