import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { StockAvailability, availabilityTopic, encodeState, type OutgoingMessage } from '@omniflow/contracts';
import { publish, repeatEvery, type CommandHandler, type Logger } from '@omniflow/lib';
import type { Producer } from 'kafkajs';

/**
 * Each SKU's availability (units on sale, summed over its warehouses) on the compacted availability topic, for
 * gateways to refuse orders for sold-out SKUs at once. Advisory: the reservation stays the authority on stock.
 *
 * Versions: a transaction that changes a SKU's availability adds 1 to the version of every one of the SKU's rows
 * and then reads SUM(available) and SUM(version) under row locks on all of them (FOR UPDATE). Every such
 * transaction locks all of the SKU's rows, so the pair read is the one it commits, and the version grows with
 * every change, in commit order, whichever replica made it. Readers keep the highest version.
 *
 * Lost messages: the pair is published after the commit (the runtime's after-commit hook), and a process that dies
 * in between, or a publish that fails, loses it (a redelivered command is a duplicate and does not run the
 * handler again). A stale "sold out" would then refuse orders for good, since no order could reach inventory to
 * change the SKU again. So every replica also republishes every SKU's availability at start and every
 * AVAILABILITY_REFRESH_INTERVAL: whatever was lost, a gateway's knowledge is at most that old.
 */

/** Republished at most this many SKUs per send. */
const REFRESH_BATCH = 500;

interface Row {
  sku: string;
  available: number | string;
  version: number | string;
}

/**
 * Marks the SKUs as changed by `tx` (their rows' versions + 1) and reads their availability under locks on all
 * of their rows. Call it in the transaction that changed them, after the change. ReserveStock has locked all of
 * them already; a release of one warehouse's units has locked only that row, and takes the others here, possibly
 * out of primary-key order: the rare deadlock that can cause is retried like any other (transactionWithRetry).
 */
export async function changedAvailability(sequelize: Sequelize, tx: Transaction, skus: string[]): Promise<StockAvailability[]> {
  if (skus.length === 0) return [];
  await sequelize.query('UPDATE stock SET version = version + 1 WHERE sku IN (?) ORDER BY sku, warehouse_id', {
    replacements: [skus],
    transaction: tx,
  });
  const rows = await sequelize.query<Row>(
    'SELECT sku, available, version FROM stock WHERE sku IN (?) ORDER BY sku, warehouse_id FOR UPDATE',
    { replacements: [skus], transaction: tx, type: QueryTypes.SELECT },
  );
  return sumBySku(rows);
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

/**
 * `handler`, announcing the availability of the SKUs its reply says it changed: read in its transaction and
 * published after the commit through the runtime's after-commit hook (HandlerContext.publishAfterCommit).
 */
export function announcingAvailability<C, R>(
  handler: CommandHandler<C, R>,
  changedSkus: (reply: R) => string[],
  topicPrefix: string,
): CommandHandler<C, R> {
  return {
    ...handler,
    async handle(command, context) {
      const reply = await handler.handle(command, context);
      const changed = await changedAvailability(context.sequelize, context.tx, [...new Set(changedSkus(reply))]);
      if (changed.length > 0) context.publishAfterCommit(availabilityTopic(topicPrefix), changed.map(availabilityMessage));
      return reply;
    },
  };
}

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
