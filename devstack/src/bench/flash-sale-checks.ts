/**
 * What must hold after a flash sale, read from every service's database: the chaos suite's checks of stock,
 * money and exactly-once effects over the sale's orders, that every completed order shipped, and the sale's own
 * promises (nothing oversold; nothing unsold while buyers remained).
 */
import { QueryTypes } from 'sequelize';
import type { OrderView } from '@omniflow/contracts/orders';
import { checkExactlyOnce, checkMoney, checkStock, readEffects, readStock, type CheckResult, type Databases, type StockRow } from '../chaos/invariants';
import type { ApiOrder, PlacedOrder } from '../chaos/workload';
import type { Buyer, FlashSaleFigures } from './flash-sale-figures';

/** The order as the API shows it (major units), which is what the chaos checks compare. */
function apiOrderOf(view: OrderView): ApiOrder {
  const { status, timeline } = view;
  const items = view.lines.map((line) => ({ sku: line.sku, qty: line.quantity, unitPrice: line.unitPriceCents / 100 }));
  return { status, timeline, items, amount: view.totalCents / 100, chargedAmount: view.chargedCents / 100, refundedAmount: view.refundedCents / 100 };
}

export async function verifyFlashSale(
  databases: Databases,
  buyers: (Buyer & { view?: OrderView })[],
  initialStock: Map<string, StockRow>,
  figures: FlashSaleFigures,
): Promise<CheckResult[]> {
  const orders: PlacedOrder[] = buyers
    .filter((buyer) => buyer.view)
    .map((buyer) => ({ orderId: buyer.orderId!, kind: buyer.declines ? 'decline' : 'happy', customerId: buyer.view!.customerId, view: apiOrderOf(buyer.view!) }));
  const { reservations, payments, refunds } = await readEffects(databases);
  const shipped = new Set(
    (await databases.shipping.query<{ order_id: string }>("SELECT DISTINCT order_id FROM shipments WHERE status = 'SCHEDULED'", { type: QueryTypes.SELECT })).map(
      (row) => row.order_id,
    ),
  );
  const completed = orders.filter((order) => order.view!.status === 'COMPLETED');
  const unexpected = buyers.filter((buyer) => !['REFUSED', 'COMPLETED', 'OUT_OF_STOCK', ...(buyer.declines ? ['PAYMENT_FAILED'] : [])].includes(buyer.outcome!));
  return [
    {
      name: 'every buyer was answered sold out, out of stock, completed, or (a declined card) payment failed',
      figures: JSON.stringify(figures.outcomes),
      violations: unexpected.map((buyer) => `buyer ${buyer.n} (${buyer.orderId ?? 'no order'}) ended ${buyer.outcome}`),
    },
    {
      name: 'nothing oversold; nothing unsold while buyers remained',
      figures: `oversold ${figures.oversold}, unsold ${figures.unsold}, released after the last buyer had posted ${figures.releasedAfterLastBuyer}`,
      violations: [
        ...(figures.oversold > 0 ? [`${figures.oversold} units oversold`] : []),
        ...(figures.unsold > figures.releasedAfterLastBuyer ? [`${figures.unsold} units unsold, only ${figures.releasedAfterLastBuyer} released too late to sell`] : []),
      ],
    },
    {
      name: 'every completed order shipped',
      figures: `${completed.length} completed, ${completed.filter((order) => shipped.has(order.orderId)).length} with a scheduled shipment`,
      violations: completed.filter((order) => !shipped.has(order.orderId)).map((order) => `order ${order.orderId} completed without a shipment`),
    },
    checkStock(initialStock, await readStock(databases.inventory), reservations),
    checkMoney(orders, reservations, payments, refunds),
    await checkExactlyOnce(databases, reservations, payments, refunds),
  ];
}
