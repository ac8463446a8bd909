import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useNow, useOrderChanges } from '../hooks';
import { ORDER_STATUSES, applyChange, formatAge, formatAmount, rowOf, type ApiOrder, type OrderChange, type OrderRow } from '../orders';
import { hrefOf } from '../route';
import { StatusBadge } from './StatusBadge';

/** Every order, newest first, filtered by state; rows change and appear live. */
export function OrdersPage({ status }: { status: string | null }) {
  const { session, changes, fail } = useConsole();
  const [rows, setRows] = useState<OrderRow[] | null>(null);
  const now = useNow(1_000);

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
        <table className="orders">
          <thead>
            <tr>
              <th>Order</th>
              <th>State</th>
              <th className="num">Amount</th>
              <th>Customer</th>
              <th className="num">Age</th>
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
