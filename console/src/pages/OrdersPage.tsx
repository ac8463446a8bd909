import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useOrderChanges } from '../hooks';
import { ORDER_STATUSES, applyChange, rowOf, type ApiOrder, type OrderChange, type OrderRow } from '../orders';
import { hrefOf } from '../route';
import { OrderTable } from './OrderTable';

/** Every order, newest first, filtered by state; rows change and appear live. */
export function OrdersPage({ status }: { status: string | null }) {
  const { session, changes, fail } = useConsole();
  const [rows, setRows] = useState<OrderRow[] | null>(null);

  useEffect(() => {
    setRows(null);
    const query = new URLSearchParams({ limit: '100', ...(status && { status }) });
    api<{ orders: ApiOrder[] }>(`/api/v1/orders?${query}`, session.token).then((body) => setRows(body.orders.map(rowOf)), fail);
  }, [status, session.token, fail]);

  const onChange = useCallback(
    (change: OrderChange) => setRows((current) => current && applyChange(current, change, (s) => status === null || s === status)),
    [status],
  );
  useOrderChanges(changes, onChange);

  return (
    <section>
      <header className="page-header">
        <h2>Orders</h2>
        <label>
          State{' '}
          <select
            aria-label="Filter by state"
            value={status ?? ''}
            onChange={(e) => (window.location.hash = hrefOf({ page: 'orders', status: e.target.value || null }))}
          >
            <option value="">all</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </header>
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p className="empty">No orders{status ? ` in ${status}` : ''}.</p>
      ) : (
        <OrderTable rows={rows} />
      )}
    </section>
  );
}
