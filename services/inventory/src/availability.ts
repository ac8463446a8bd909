import { QueryTypes, type Sequelize } from 'sequelize';
import { StockAvailability, availabilityTopic, encodeState, type OutgoingMessage } from '@omniflow/contracts';
import { publish, repeatEvery, type Logger } from '@omniflow/lib';
import type { Producer } from 'kafkajs';

/**
 * Each SKU's availability (units on sale, summed over its warehouses) on the compacted availability topic, for
 * gateways to refuse orders for sold-out SKUs at once. Advisory: the reservation stays the authority on stock.
 *
 * Versions: a batch that changes a SKU's availability adds 1 to the version of every one of the SKU's rows, all
 * of which it holds locked (StockLedger), and announces SUM(available) and SUM(version) as it commits them. So the
 * pair is the one it commits, and the version grows with every change, in commit order, whichever replica made
 * it. Readers keep the highest version.
 *
 * Lost messages: the pair is sent after the commit, with the batch's replies (UnitOfWork.announcements), and a
 * process that dies in between, or a send that fails, loses it (a redelivered command is a duplicate and changes
 * nothing, so announces nothing). A stale "sold out" would then refuse orders for good, since no order could
 * reach inventory to change the SKU again. So every replica also republishes every SKU's availability at start and every
 * AVAILABILITY_REFRESH_INTERVAL: whatever was lost, a gateway's knowledge is at most that old.
 */

/** Republished at most this many SKUs per send. */
const REFRESH_BATCH = 500;

interface Row {
  sku: string;
  available: number | string;
  version: number | string;
}

/** Every SKU's availability as last committed (one consistent read, no locks): what the refresh republishes. */
export async function currentAvailability(sequelize: Sequelize): Promise<StockAvailability[]> {
  const rows = await sequelize.query<Row>('SELECT sku, SUM(available) AS available, SUM(version) AS version FROM stock GROUP BY sku', {
    type: QueryTypes.SELECT,
  });
  return sumBySku(rows);
}

/** Rows of one or more warehouses per SKU, added up per SKU (MySQL hands BIGINT sums over as strings). */
export function sumBySku(rows: Row[]): StockAvailability[] {
  const bySku = new Map<string, StockAvailability>();
  for (const row of rows) {
    const total = bySku.get(row.sku) ?? { sku: row.sku, available: 0, version: 0 };
    total.available += Number(row.available);
    total.version += Number(row.version);
    bySku.set(row.sku, total);
  }
  return [...bySku.values()];
}

export const availabilityMessage = (availability: StockAvailability): OutgoingMessage =>
  encodeState(StockAvailability, availability, availability.sku);

/** Republishes every SKU's availability now and every `intervalMs`; returns what stops it. */
export function refreshAvailability(
  { sequelize, producer, logger }: { sequelize: Sequelize; producer: Producer; logger: Logger },
  topicPrefix: string,
  intervalMs: number,
): () => Promise<void> {
  return repeatEvery(intervalMs, async () => {
    try {
      const all = await currentAvailability(sequelize);
      for (let i = 0; i < all.length; i += REFRESH_BATCH) {
        await publish(producer, availabilityTopic(topicPrefix), ...all.slice(i, i + REFRESH_BATCH).map(availabilityMessage));
      }
      logger.debug({ skus: all.length }, 'availability republished');
    } catch (err) {
      // The next run retries; until then gateways keep what they knew, which the reservation still overrules.
      logger.warn({ err }, 'availability refresh failed');
    }
  });
}
