import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { useConsole } from '../context';
import { useOrderChanges } from '../hooks';
import { groupBySku, type StockLevel } from '../stock';

/** A burst of order changes (a saga's steps) is one re-read, not one per change. */
const REFRESH_DELAY_MS = 300;

/** Units per SKU and warehouse, re-read whenever an order changes (stock moves with orders). */
export function InventoryPage() {
  const { session, changes, fail } = useConsole();
  const [levels, setLevels] = useState<StockLevel[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const load = useCallback(() => api<{ stock: StockLevel[] }>('/api/v1/admin/stock', session.token).then((body) => setLevels(body.stock), fail), [session.token, fail]);
  useEffect(() => {
    void load();
    return () => clearTimeout(timer.current);
  }, [load]);
  useOrderChanges(
    changes,
    useCallback(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void load(), REFRESH_DELAY_MS);
    }, [load]),
  );

  if (!levels) return <p>Loading…</p>;
  return (
    <section>
      <header className="page-header">
        <h2>Inventory</h2>
      </header>
      <table className="stock">
        <thead>
          <tr>
            <th>SKU</th>
            <th>Warehouse</th>
            <th className="num">Available</th>
            <th className="num">Reserved</th>
            <th className="num">Shipped</th>
          </tr>
        </thead>
        {groupBySku(levels).map(({ sku, warehouses, total }) => (
          <tbody key={sku}>
            {warehouses.map((level, index) => (
              <tr key={level.warehouseId} data-sku={sku} data-warehouse={level.warehouseId}>
                {index === 0 && <th rowSpan={warehouses.length + 1}>{sku}</th>}
                <td>{level.warehouseId}</td>
                <td className="num" data-field="available">{level.available}</td>
                <td className="num" data-field="reserved">{level.reserved}</td>
                <td className="num" data-field="shipped">{level.shipped}</td>
              </tr>
            ))}
            <tr className="total">
              <td>all</td>
              <td className="num">{total.available}</td>
              <td className="num">{total.reserved}</td>
              <td className="num">{total.shipped}</td>
            </tr>
          </tbody>
        ))}
      </table>
    </section>
  );
}
