import type { TopicMessages } from 'kafkajs';
import { Op, type Transaction } from 'sequelize';
import { CommitStock, ReleaseStock, ReserveStock, type Allocation, type OrderLine } from '@omniflow/contracts';
import { bodiesOf, type AppliedCommand, type UnitOfWork } from '@omniflow/lib/participant';
import { allocate, type AllocationResult } from './allocate';
import { availabilityMessage, sumBySku } from './availability';
import { Reservation, Stock } from './models';

/** Where a settled reservation's units go: back on sale, or out of the door. */
const MOVES = {
  RELEASED: { available: 1, reserved: -1, shipped: 0 },
  COMMITTED: { available: 0, reserved: -1, shipped: 1 },
} as const;

export type Settlement = keyof typeof MOVES;

interface StockRow {
  sku: string;
  warehouseId: string;
  available: number;
  reserved: number;
  shipped: number;
  version: number;
  changed: boolean;
}

interface ReservationRow {
  /** Absent for a reservation made in this batch: it is inserted at the flush, with its final status. */
  id?: number;
  orderId: string;
  idempotencyKey: string;
  sku: string;
  warehouseId: string;
  quantity: number;
  status: 'HELD' | Settlement;
}

/**
 * Inventory's working state for one batch of commands. `load` locks every stock row of every SKU the batch
 * touches (`SELECT … FOR UPDATE`, once, in primary-key order, so batches cannot deadlock on lock order) and the
 * held reservations of the orders it settles; the handlers then reserve and settle in memory, in offset order,
 * each seeing what the ones before it did (the order after the one that took the last unit is out of stock; a
 * release makes its units available to those after it); `flush` writes each stock row once with the batch's net
 * change and the reservations in bulk. `CHECK (available >= 0)` stays as the backstop. Each SKU whose units on
 * sale changed has its availability announced once the batch commits (see availability.ts).
 */
export class StockLedger implements UnitOfWork {
  private readonly stock = new Map<string, StockRow>();
  /** Each settled order's reservations, oldest first: those HELD when loaded, then those made in the batch. */
  private readonly reservations = new Map<string, ReservationRow[]>();
  private readonly created: ReservationRow[] = [];
  private readonly settled: ReservationRow[] = [];
  private readonly lockedSkus = new Set<string>();
  /** SKUs whose units on sale changed: their rows' versions go up by one, and their availability is announced. */
  private readonly onSale = new Set<string>();

  constructor(
    private readonly tx: Transaction,
    /** Where availability is announced (availabilityTopic of the service's prefix). */
    private readonly availabilityTopic: string,
  ) {}

  async load(commands: readonly AppliedCommand[]): Promise<void> {
    const reserved = bodiesOf(commands, ReserveStock).flatMap((command) => command.lines.map((line) => line.sku));
    const orders = [...new Set([...bodiesOf(commands, ReleaseStock), ...bodiesOf(commands, CommitStock)].map((command) => command.orderId))];
    const heldBefore = await this.heldReservations(orders, false);
    await this.lock([...reserved, ...heldBefore.map((reservation) => reservation.sku)]);
    // Read again under the stock locks: only rows still HELD now are ours to settle.
    const held = await this.heldReservations(orders, true);
    await this.lock(held.map((reservation) => reservation.sku));
    for (const { id, orderId, idempotencyKey, sku, warehouseId, quantity, status } of held) {
      this.reservationsOf(orderId).push({ id, orderId, idempotencyKey, sku, warehouseId, quantity, status });
    }
  }

  /** Holds all of an order's lines or none, from one warehouse where possible (see allocate). */
  reserve(orderId: string, idempotencyKey: string, lines: OrderLine[]): AllocationResult {
    const skus = new Set(lines.map((line) => line.sku));
    const result = allocate(lines, [...this.stock.values()].filter((row) => skus.has(row.sku)));
    if (!result.ok) return result;
    for (const { sku, warehouseId, quantity } of result.allocations) {
      this.move(sku, warehouseId, { available: -quantity, reserved: quantity, shipped: 0 });
      const reservation: ReservationRow = { orderId, idempotencyKey, sku, warehouseId, quantity, status: 'HELD' };
      this.reservationsOf(orderId).push(reservation);
      this.created.push(reservation);
    }
    return result;
  }

  /**
   * Settles an order's HELD reservations (all of them, or one warehouse's). Holding nothing (already settled,
   * or never reserved) settles nothing: the caller's reply says so.
   */
  settle(orderId: string, warehouseId: string | null, to: Settlement): Allocation[] {
    const settling = this.reservationsOf(orderId).filter(
      (reservation) => reservation.status === 'HELD' && (warehouseId === null || reservation.warehouseId === warehouseId),
    );
    for (const reservation of settling) {
      const { available, reserved, shipped } = MOVES[to];
      const { quantity } = reservation;
      this.move(reservation.sku, reservation.warehouseId, { available: available * quantity, reserved: reserved * quantity, shipped: shipped * quantity });
      reservation.status = to;
      if (reservation.id !== undefined) this.settled.push(reservation);
    }
    return settling.map(({ sku, warehouseId: warehouse, quantity }) => ({ sku, warehouseId: warehouse, quantity }));
  }

  async flush(): Promise<void> {
    for (const row of this.stock.values()) {
      // Every row of a SKU whose availability changed gets a new version (all of them are locked by this batch),
      // so the SUM announced grows with each change, whichever replica makes it.
      if (this.onSale.has(row.sku)) row.version += 1;
      else if (!row.changed) continue;
      await Stock.update(
        { available: row.available, reserved: row.reserved, shipped: row.shipped, version: row.version },
        { where: { sku: row.sku, warehouseId: row.warehouseId }, transaction: this.tx },
      );
    }
    if (this.created.length > 0) await Reservation.bulkCreate(this.created, { transaction: this.tx });
    for (const to of Object.keys(MOVES) as Settlement[]) {
      const ids = this.settled.filter((reservation) => reservation.status === to).map((reservation) => reservation.id!);
      if (ids.length > 0) await Reservation.update({ status: to }, { where: { id: { [Op.in]: ids } }, transaction: this.tx });
    }
  }

  /** Each changed SKU's units on sale over all its warehouses, at this batch's versions: sent once it commits. */
  announcements(): TopicMessages[] {
    const rows = [...this.stock.values()].filter((row) => this.onSale.has(row.sku));
    return rows.length === 0 ? [] : [{ topic: this.availabilityTopic, messages: sumBySku(rows).map(availabilityMessage) }];
  }

  private async heldReservations(orders: string[], lock: boolean): Promise<Reservation[]> {
    if (orders.length === 0) return [];
    return Reservation.findAll({
      where: { orderId: { [Op.in]: orders }, status: 'HELD' },
      order: [['id', 'ASC']],
      ...(lock ? { lock: this.tx.LOCK.UPDATE } : {}),
      transaction: this.tx,
    });
  }

  /** Locks and reads every warehouse's row of each SKU not locked yet (an unknown SKU has none: out of stock). */
  private async lock(skus: string[]): Promise<void> {
    const wanted = [...new Set(skus)].filter((sku) => !this.lockedSkus.has(sku));
    if (wanted.length === 0) return;
    const rows = await Stock.findAll({
      where: { sku: { [Op.in]: wanted } },
      order: [
        ['sku', 'ASC'],
        ['warehouseId', 'ASC'],
      ],
      lock: this.tx.LOCK.UPDATE,
      transaction: this.tx,
    });
    for (const sku of wanted) this.lockedSkus.add(sku);
    for (const { sku, warehouseId, available, reserved, shipped, version } of rows) {
      this.stock.set(stockKey(sku, warehouseId), { sku, warehouseId, available, reserved, shipped, version, changed: false });
    }
  }

  private move(sku: string, warehouseId: string, by: { available: number; reserved: number; shipped: number }): void {
    const row = this.stock.get(stockKey(sku, warehouseId));
    if (!row) throw new Error(`stock row ${sku}@${warehouseId} was not locked by this batch`);
    row.available += by.available;
    row.reserved += by.reserved;
    row.shipped += by.shipped;
    row.changed = true;
    if (by.available !== 0) this.onSale.add(sku);
  }

  private reservationsOf(orderId: string): ReservationRow[] {
    let rows = this.reservations.get(orderId);
    if (!rows) this.reservations.set(orderId, (rows = []));
    return rows;
  }
}

function stockKey(sku: string, warehouseId: string): string {
  return `${sku}\u0000${warehouseId}`;
}
