import type { StockAvailability } from '@omniflow/contracts';

/** What the order path asks before starting a workflow. */
export interface SoldOutCheck {
  /** Those of `skus` this gateway knows to be sold out; none whenever it cannot trust what it knows. */
  soldOut(skus: string[]): string[];
  /** Whether it acts on what it knows right now (for /metrics). */
  readonly trusted: boolean;
}

/** Kafka answered a fetch this recently, or the gateway counts it as unreachable (fetches come every 100 ms). */
export const REACHABLE_WITHIN_MS = 5_000;

/**
 * The gateway's knowledge of each SKU's availability, read from the availability topic, and whether it may act on
 * it. Per SKU it keeps the value with the highest version (an equal version replaces it: that is inventory's
 * refresh restating the same change, or a correction made outside the service, never an older state).
 *
 * It refuses nothing unless it has caught up — read up to the end offsets the topic had when the consumer last
 * joined its group (at start, and again after losing Kafka) — and Kafka answered a fetch within
 * REACHABLE_WITHIN_MS. Missing or possibly outdated knowledge admits the order, and the reservation decides.
 */
export class AvailabilityBook implements SoldOutCheck {
  private readonly latest = new Map<string, StockAvailability>();
  /** Per partition, the offset after the last message read. */
  private readonly next = new Map<number, number>();
  /** Per partition, the end offset to reach before the book is caught up; null until known after a (re)join. */
  private ends: Map<number, number> | null = null;
  private lastFetchAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  record(availability: StockAvailability): void {
    const known = this.latest.get(availability.sku);
    if (!known || availability.version >= known.version) this.latest.set(availability.sku, availability);
  }

  /** A message at `offset` of `partition` was read (whether or not it decoded). */
  read(partition: number, offset: string): void {
    this.next.set(partition, Math.max(this.next.get(partition) ?? 0, Number(offset) + 1));
  }

  /** The consumer (re)joined its group: until the topic's current ends are known and reached, trust nothing. */
  rejoined(): void {
    this.ends = null;
  }

  /** The topic's end offsets as of the latest join; a partition whose log is empty has nothing to wait for. */
  catchUpTo(partitions: { partition: number; high: string; low: string }[]): void {
    this.ends = new Map(partitions.filter(({ high, low }) => Number(high) > Number(low)).map(({ partition, high }) => [partition, Number(high)]));
  }

  /** Kafka answered a fetch. */
  fetched(): void {
    this.lastFetchAt = this.now();
  }

  get caughtUp(): boolean {
    return this.ends !== null && [...this.ends].every(([partition, end]) => (this.next.get(partition) ?? 0) >= end);
  }

  get reachable(): boolean {
    return this.now() - this.lastFetchAt <= REACHABLE_WITHIN_MS;
  }

  /** Whether the book may refuse orders right now. */
  get trusted(): boolean {
    return this.caughtUp && this.reachable;
  }

  soldOut(skus: string[]): string[] {
    if (!this.trusted) return [];
    return skus.filter((sku) => this.latest.get(sku)?.available === 0);
  }
}
