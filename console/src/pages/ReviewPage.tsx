import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useNow, useOrderChanges } from '../hooks';
import { applyChange, formatAge, formatAmount, rowOf, type ApiOrder, type OrderChange, type OrderRow } from '../orders';
import { hrefOf } from '../route';
import { StatusBadge } from './StatusBadge';

/**
 * Orders waiting for an auditor. New ones appear live; a decided one stays in view with its outcome until the
 * page is left, so the auditor sees what their decision came to.
 */
export function ReviewPage() {
  const { session, changes, fail } = useConsole();
  const [rows, setRows] = useState<OrderRow[] | null>(null);
  const now = useNow(1_000);

  useEffect(() => {
    api<{ orders: ApiOrder[] }>('/api/v1/orders?status=PENDING_REVIEW&limit=100', session.token).then((body) => setRows(body.orders.map(rowOf)), fail);
  }, [session.token, fail]);

  const onChange = useCallback((change: OrderChange) => setRows((current) => current && applyChange(current, change, (s) => s === 'PENDING_REVIEW')), []);
  useOrderChanges(changes, onChange);

  const decided = (order: ApiOrder) => setRows((current) => current && current.map((row) => (row.orderId === order.orderId && row.version < order.timeline.length ? rowOf(order) : row)));

  return (
    <section>
      <header className="page-header">
        <h2>Review queue</h2>
        {session.role !== 'auditor' && <p className="note">Read-only: only auditors decide reviews.</p>}
      </header>
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">Nothing waits for review.</p>
      ) : (
        <table className="orders">
          <thead>
            <tr>
              <th>Order</th>
              <th>State</th>
              <th className="num">Amount</th>
              <th>Customer</th>
              <th className="num">Waiting</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.orderId} data-order-id={row.orderId}>
                <td>
                  <a href={hrefOf({ page: 'order', orderId: row.orderId })} className="mono">
                    {row.orderId.slice(0, 8)}
                  </a>
                </td>
                <td data-field="status">
                  <StatusBadge status={row.status} />
                </td>
                <td className="num">{formatAmount(row.amount, row.currency)}</td>
                <td>{row.customerId}</td>
                <td className="num">{formatAge(row.createdAt, now)}</td>
                <td>{row.status === 'PENDING_REVIEW' && session.role === 'auditor' ? <Decide orderId={row.orderId} onDecided={decided} /> : row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** APPROVE or REJECT with a reason (required to reject: the customer will ask why). */
function Decide({ orderId, onDecided }: { orderId: string; onDecided: (order: ApiOrder) => void }) {
  const { session } = useConsole();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(action: 'APPROVE' | 'REJECT') {
    if (action === 'REJECT' && reason.trim() === '') return setError('say why before rejecting');
    setBusy(true);
    setError(null);
    try {
      onDecided(await api<ApiOrder>(`/api/v1/orders/${orderId}/audit`, session.token, { method: 'POST', body: { action, reason: reason.trim() || null } }));
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <div className="decide">
      <input aria-label="Reason" placeholder="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} disabled={busy} />
      <button type="button" className="approve" onClick={() => decide('APPROVE')} disabled={busy}>
        Approve
      </button>
      <button type="button" className="reject" onClick={() => decide('REJECT')} disabled={busy}>
        Reject
      </button>
      {error && <span role="alert" className="error">{error}</span>}
    </div>
  );
}
