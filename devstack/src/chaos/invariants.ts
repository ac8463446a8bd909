/**
 * What must hold once a chaos run has quiesced, read straight from every service's database, the workflows and
 * the API. Each check prints its figures; a violation names the order, SKU or key it concerns.
 */
import type { Client } from '@temporalio/client';
import { QueryTypes, Sequelize } from 'sequelize';
import { ALL_REPLY_TYPES, type MessageType } from '@omniflow/contracts';
import { workflowIdFor, type OrderView } from '@omniflow/contracts/orders';
import type { Database, StackSettings } from '../stack/settings';
import { ORDER_KINDS, type ApiOrder, type PlacedOrder } from './workload';

export interface CheckResult {
  name: string;
  figures: string;
  violations: string[];
}

export interface StockRow {
  sku: string;
  warehouse_id: string;
  available: number;
  reserved: number;
  shipped: number;
}

export interface ReservationRow {
  order_id: string;
  idempotency_key: string;
  sku: string;
  warehouse_id: string;
  quantity: number;
  status: 'HELD' | 'RELEASED' | 'COMMITTED';
}

interface BarrierRow {
  idempotency_key: string;
  op: string;
  command_type: string;
  reply_type: string;
  reply: Buffer;
}

export type Databases = Record<Database, Sequelize>;

/** Every service's database of the stack, retrying while one restarts (chaos kills MariaDB). */
export function openDatabases(settings: StackSettings): Databases {
  return Object.fromEntries(
    (['orders', 'inventory', 'payment', 'shipping'] as Database[]).map((name) => [
      name,
      new Sequelize(settings.databaseUrl(name), { dialect: 'mysql', logging: false, retry: { max: 20 } }),
    ]),
  ) as Databases;
}

const cents = (amount: number) => Math.round(amount * 100);
const stockKey = (sku: string, warehouseId: string) => `${sku}@${warehouseId}`;

export async function readStock(inventory: Sequelize): Promise<Map<string, StockRow>> {
  const rows = await inventory.query<StockRow>('SELECT sku, warehouse_id, available, reserved, shipped FROM stock', { type: QueryTypes.SELECT });
  return new Map(rows.map((row) => [stockKey(row.sku, row.warehouse_id), row]));
}

export async function checkInvariants(
  orders: PlacedOrder[],
  stuck: PlacedOrder[],
  initialStock: Map<string, StockRow>,
  databases: Databases,
  temporal: Client,
): Promise<CheckResult[]> {
  const done = orders.filter((order) => order.view);
  const { reservations, payments, refunds } = await readEffects(databases);
  return [
    checkTerminal(orders, stuck),
    checkOutcomes(done),
    await checkViewsAgree(done, databases.orders, temporal),
    checkStock(initialStock, await readStock(databases.inventory), reservations),
    checkMoney(done, reservations, payments, refunds),
    await checkExactlyOnce(databases, reservations, payments, refunds),
  ];
}

/** What the participants did, row by row: reservations, payments and refunds. */
export async function readEffects(databases: Databases) {
  return {
    reservations: await select<ReservationRow>(databases.inventory, 'SELECT order_id, idempotency_key, sku, warehouse_id, quantity, status FROM reservations'),
    payments: await select<{ order_id: string; idempotency_key: string; status: string; amount_cents: number }>(
      databases.payment,
      'SELECT order_id, idempotency_key, status, amount_cents FROM payments',
    ),
    refunds: await select<{ order_id: string; idempotency_key: string; amount_cents: number }>(
      databases.payment,
      'SELECT order_id, idempotency_key, amount_cents FROM refunds',
    ),
  };
}

function checkTerminal(orders: PlacedOrder[], stuck: PlacedOrder[]): CheckResult {
  return {
    name: 'every accepted order reached a terminal state',
    figures: `${orders.length} accepted, ${orders.length - stuck.length} terminal, ${stuck.length} stuck`,
    violations: stuck.map((order) => `order ${order.orderId} (${order.kind}) is not terminal`),
  };
}

/**
 * Each kind's own ends, or TIMED_OUT where the order's timer really ran its full length: the chaos stack keeps
 * production's clocks (payment 10 min, review 30 min), and an order whose payment reply a swamped stack could not
 * deliver in that time is cancelled as promised. A TIMED_OUT sooner than its time-out is a violation.
 */
export function checkOutcomes(orders: PlacedOrder[]): CheckResult {
  const tally = new Map<string, number>();
  const violations: string[] = [];
  for (const order of orders) {
    const status = order.view!.status;
    tally.set(`${order.kind}→${status}`, (tally.get(`${order.kind}→${status}`) ?? 0) + 1);
    if ((ORDER_KINDS[order.kind].ends as readonly string[]).includes(status)) continue;
    const early = status === 'TIMED_OUT' && order.kind !== 'out-of-stock' ? timedOutEarly(order.view!.timeline) : 'not a time-out';
    if (early !== null) {
      violations.push(`order ${order.orderId} (${order.kind}) ended ${status}, expected ${ORDER_KINDS[order.kind].ends.join(' or ')} (${early})`);
    }
  }
  return {
    name: 'each order ended as its kind allows',
    figures: [...tally].sort().map(([key, n]) => `${key} ${n}`).join(', '),
    violations,
  };
}

/**
 * Null when the TIMED_OUT entry's reason names a time-out ("… within 600s") that had fully passed since the order
 * reached its last state before (RESERVED or PENDING_REVIEW, where the timers run); otherwise why not.
 */
export function timedOutEarly(timeline: ApiOrder['timeline']): string | null {
  const end = timeline.findIndex((entry) => entry.status === 'TIMED_OUT');
  const limit = /within (\d+)s/.exec(timeline[end]?.reason ?? '');
  if (end < 1 || !limit) return 'no time-out in its timeline';
  const waitedMs = Date.parse(timeline[end]!.at) - Date.parse(timeline[end - 1]!.at);
  return waitedMs >= Number(limit[1]) * 1000 ? null : `timed out after ${waitedMs / 1000}s, before its ${limit[1]}s`;
}

/** The API's answer, the workflow's own result and the orders read model must tell the same story. */
async function checkViewsAgree(orders: PlacedOrder[], ordersDb: Sequelize, temporal: Client): Promise<CheckResult> {
  const readModel = new Map(
    (await select<{ order_id: string; status: string }>(ordersDb, 'SELECT order_id, status FROM orders')).map((row) => [row.order_id, row.status]),
  );
  const violations: string[] = [];
  for (const order of orders) {
    const api = order.view!;
    const workflow = (await temporal.workflow.getHandle(workflowIdFor(order.orderId)).result()) as OrderView;
    const disagreements = [
      workflow.status !== api.status && `workflow says ${workflow.status}, API ${api.status}`,
      workflow.chargedCents !== cents(api.chargedAmount) && `workflow charged ${workflow.chargedCents}, API ${cents(api.chargedAmount)}`,
      workflow.refundedCents !== cents(api.refundedAmount) && `workflow refunded ${workflow.refundedCents}, API ${cents(api.refundedAmount)}`,
      readModel.get(order.orderId) !== api.status && `read model says ${readModel.get(order.orderId)}, API ${api.status}`,
    ].filter(Boolean);
    if (disagreements.length > 0) violations.push(`order ${order.orderId}: ${disagreements.join('; ')}`);
  }
  return { name: "the API's view matches the workflow's (and the read model's)", figures: `${orders.length} orders compared`, violations };
}

/** Units only move between available, reserved and shipped; what left a warehouse is exactly the committed reservations. */
export function checkStock(initial: Map<string, StockRow>, final: Map<string, StockRow>, reservations: ReservationRow[]): CheckResult {
  const violations: string[] = [];
  const figures: string[] = [];
  for (const [key, start] of initial) {
    const end = final.get(key);
    if (!end) {
      violations.push(`SKU ${key}: stock row disappeared`);
      continue;
    }
    const mine = reservations.filter((row) => stockKey(row.sku, row.warehouse_id) === key);
    const committed = sum(mine.filter((row) => row.status === 'COMMITTED').map((row) => row.quantity));
    const held = sum(mine.filter((row) => row.status === 'HELD').map((row) => row.quantity));
    const before = start.available + start.reserved + start.shipped;
    const after = end.available + end.reserved + end.shipped;
    figures.push(`${key}: ${before} = ${end.available} available + ${end.reserved} reserved + ${end.shipped} shipped`);
    if (after !== before) violations.push(`SKU ${key}: ${before} units at start, ${after} now`);
    if (end.available < 0 || end.reserved < 0 || end.shipped < 0) violations.push(`SKU ${key}: negative stock ${JSON.stringify(end)}`);
    if (end.reserved !== held) violations.push(`SKU ${key}: ${end.reserved} reserved but ${held} held by reservations`);
    if (end.shipped - start.shipped !== committed) violations.push(`SKU ${key}: ${end.shipped - start.shipped} shipped but ${committed} committed`);
  }
  return { name: 'stock: initial = available + reserved + shipped, never negative', figures: figures.join('; '), violations };
}

/** charged − refunded = the value of what shipped; at most one charge; an order that did not complete holds nothing. */
export function checkMoney(
  orders: PlacedOrder[],
  reservations: ReservationRow[],
  payments: { order_id: string; status: string; amount_cents: number }[],
  refunds: { order_id: string; amount_cents: number }[],
): CheckResult {
  const violations: string[] = [];
  let charged = 0;
  let refunded = 0;
  for (const order of orders) {
    const view = order.view!;
    const price = new Map(view.items.map((item) => [item.sku, cents(item.unitPrice)]));
    const mine = reservations.filter((row) => row.order_id === order.orderId);
    const charges = payments.filter((row) => row.order_id === order.orderId && row.status === 'CHARGED');
    const orderCharged = sum(charges.map((row) => Number(row.amount_cents)));
    const orderRefunded = sum(refunds.filter((row) => row.order_id === order.orderId).map((row) => Number(row.amount_cents)));
    const shippedValue = sum(mine.filter((row) => row.status === 'COMMITTED').map((row) => row.quantity * (price.get(row.sku) ?? NaN)));
    charged += orderCharged;
    refunded += orderRefunded;
    const where = `order ${order.orderId} (${order.kind}, ${view.status})`;
    if (charges.length > 1) violations.push(`${where}: charged ${charges.length} times`);
    if (orderCharged - orderRefunded !== shippedValue) violations.push(`${where}: charged ${orderCharged} − refunded ${orderRefunded} ≠ shipped ${shippedValue}`);
    if (orderCharged - orderRefunded !== cents(view.chargedAmount) - cents(view.refundedAmount)) {
      violations.push(`${where}: payment service nets ${orderCharged - orderRefunded}, the order ${cents(view.chargedAmount) - cents(view.refundedAmount)}`);
    }
    const held = mine.filter((row) => row.status === 'HELD');
    if (held.length > 0) violations.push(`${where}: still holds ${held.map((row) => `${row.quantity} ${row.sku}@${row.warehouse_id}`).join(', ')}`);
    if (view.status === 'COMPLETED' && mine.some((row) => row.status !== 'COMMITTED')) violations.push(`${where}: completed with reservations not shipped`);
    if (view.status !== 'COMPLETED' && view.status !== 'PARTIALLY_SHIPPED' && mine.some((row) => row.status === 'COMMITTED')) {
      violations.push(`${where}: shipped stock although it did not complete`);
    }
  }
  return {
    name: 'money: charged − refunded = shipped value per order, no double charge, no holdings after a failed order',
    figures: `${orders.length} orders; charged ${charged / 100}, refunded ${refunded / 100}, net ${(charged - refunded) / 100}`,
    violations,
  };
}

/**
 * Every dedup row's stored reply against the effect rows with the same idempotency key: a command whose reply
 * says it took effect has exactly that effect once; one that did not (out of stock, aborted by its compensation)
 * has none; and no effect exists without its dedup row.
 */
export async function checkExactlyOnce(
  databases: Databases,
  reservations: ReservationRow[],
  payments: { idempotency_key: string; status: string }[],
  refunds: { idempotency_key: string; amount_cents: number }[],
): Promise<CheckResult> {
  const violations: string[] = [];
  const replyTypes = new Map<string, MessageType<any>>(ALL_REPLY_TYPES.map((type) => [type.name, type]));
  const barrier = async (database: Database) =>
    (await select<BarrierRow>(databases[database], 'SELECT idempotency_key, op, command_type, reply_type, reply FROM saga_barrier')).map((row) => ({
      ...row,
      body: replyTypes.get(row.reply_type)!.decode(row.reply),
    }));
  const expectOnce = (what: string, key: string, expected: number, actual: number) => {
    if (expected !== actual) violations.push(`${what} ${key}: reply says ${expected}, found ${actual}`);
  };

  const inventory = await barrier('inventory');
  const reserves = inventory.filter((row) => row.command_type === 'inventory.ReserveStock' && row.op === 'action');
  for (const row of reserves) {
    const allocated = row.body.outcome === 'RESERVED' ? row.body.allocations.length : 0;
    expectOnce('reservation rows for', row.idempotency_key, allocated, reservations.filter((r) => r.idempotency_key === row.idempotency_key).length);
  }
  const reserveKeys = new Set(reserves.map((row) => row.idempotency_key));
  for (const key of new Set(reservations.map((row) => row.idempotency_key))) {
    if (!reserveKeys.has(key)) violations.push(`reservations under ${key} have no dedup row`);
  }

  const payment = await barrier('payment');
  const charges = payment.filter((row) => row.command_type === 'payment.ChargePayment' && row.op === 'action');
  for (const row of charges) {
    const recorded = row.body.outcome === 'ABORTED' ? 0 : 1;
    expectOnce('payments for', row.idempotency_key, recorded, payments.filter((p) => p.idempotency_key === row.idempotency_key).length);
  }
  const refundRows = payment.filter((row) => row.command_type === 'payment.RefundPayment');
  for (const row of refundRows) {
    const mine = refunds.filter((r) => r.idempotency_key === row.idempotency_key);
    expectOnce('refunded cents for', row.idempotency_key, Number(row.body.refundedCents), sum(mine.map((r) => Number(r.amount_cents))));
    if (mine.length > 1) violations.push(`refund ${row.idempotency_key} booked ${mine.length} times`);
  }
  const chargeKeys = new Set(charges.map((row) => row.idempotency_key));
  for (const p of payments) if (!chargeKeys.has(p.idempotency_key)) violations.push(`payment under ${p.idempotency_key} has no dedup row`);
  const refundKeys = new Set(refundRows.map((row) => row.idempotency_key));
  for (const r of refunds) if (!refundKeys.has(r.idempotency_key)) violations.push(`refund under ${r.idempotency_key} has no dedup row`);

  const shipping = (await barrier('shipping')).filter((row) => row.command_type === 'shipping.ScheduleShipment');
  const shipments = await select<{ idempotency_key: string; status: string }>(databases.shipping, 'SELECT idempotency_key, status FROM shipments');
  for (const row of shipping) {
    expectOnce('shipments for', row.idempotency_key, 1, shipments.filter((s) => s.idempotency_key === row.idempotency_key).length);
  }
  const shipKeys = new Set(shipping.map((row) => row.idempotency_key));
  for (const s of shipments) if (!shipKeys.has(s.idempotency_key)) violations.push(`shipment under ${s.idempotency_key} has no dedup row`);

  const dedupRows = inventory.length + payment.length + shipping.length;
  return {
    name: 'each command applied exactly once (dedup rows vs effects)',
    figures:
      `${dedupRows} dedup rows; ${reserves.length} reservations → ${reservations.length} reservation lines, ${charges.length} charges → ` +
      `${payments.length} payments, ${refundRows.length} refunds → ${refunds.length} refund rows, ${shipping.length} shipments → ${shipments.length} rows`,
    violations,
  };
}

function select<T extends object>(db: Sequelize, sql: string): Promise<T[]> {
  return db.query<T>(sql, { type: QueryTypes.SELECT });
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
