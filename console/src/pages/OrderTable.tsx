import type { ReactNode } from 'react';
import { useNow } from '../hooks';
import { formatAge, formatAmount, type OrderRow } from '../orders';
import { hrefOf } from '../route';
import { StatusBadge } from './StatusBadge';

/** Orders as rows (each links to its page; ages tick on), with an optional last column such as a decision. */
export function OrderTable({ rows, ageLabel = 'Age', action }: { rows: OrderRow[]; ageLabel?: string; action?: { header: string; cell: (row: OrderRow) => ReactNode } }) {
  const now = useNow(1_000);
  return (
    <table className="orders">
      <thead>
        <tr>
          <th>Order</th>
          <th>State</th>
          <th className="num">Amount</th>
          <th>Customer</th>
          <th className="num">{ageLabel}</th>
          {action && <th>{action.header}</th>}
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
            {action && <td>{action.cell(row)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
