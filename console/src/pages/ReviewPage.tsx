import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useOrderChanges } from '../hooks';
import { applyChange, rowOf, type ApiOrder, type OrderChange, type OrderRow } from '../orders';
import { OrderTable } from './OrderTable';

/**
 * Orders waiting for an auditor. New ones appear live; a decided one stays in view with its outcome until the
 * page is left, so the auditor sees what their decision came to.
 */
export function ReviewPage() {
  const { session, changes, fail } = useConsole();
  const [rows, setRows] = useState<OrderRow[] | null>(null);

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
        <OrderTable
          rows={rows}
          ageLabel="Waiting"
          action={{
            header: 'Decision',
            cell: (row) => (row.status === 'PENDING_REVIEW' && session.role === 'auditor' ? <Decide orderId={row.orderId} onDecided={decided} /> : row.reason),
          }}
        />
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
