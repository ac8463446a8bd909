import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { SagaOp } from '@omniflow/contracts';
import type { Migration } from './database';

/**
 * The dedup table behind exactly-once effects (after DTM's branch barrier and Eventuate's received_messages).
 * A row per (saga branch, op) is written in the same transaction as the command's effect and holds the reply
 * that was sent, so a redelivered command is answered with the same bytes and changes nothing.
 */
export const barrierMigration: Migration = {
  id: '0001-saga-barrier',
  statements: [
    `CREATE TABLE IF NOT EXISTS saga_barrier (
         idempotency_key VARCHAR(191) NOT NULL,
         op VARCHAR(16) NOT NULL,
         command_type VARCHAR(128) NOT NULL,
         reply_type VARCHAR(128) NULL,
         reply BLOB NULL,
         created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
         PRIMARY KEY (idempotency_key, op)
       ) ENGINE=InnoDB`,
  ],
};

/** The cleanup job deletes by age, in batches; without this index each batch would scan the whole table. */
export const barrierAgeIndexMigration: Migration = {
  id: '0001b-saga-barrier-created-at',
  statements: ['CREATE INDEX saga_barrier_by_age ON saga_barrier (created_at)'],
};

export interface StoredReply {
  type: string;
  payload: Buffer;
}

export interface BarrierKey {
  idempotencyKey: string;
  op: SagaOp;
  commandType: string;
}

/** What a compensation undoes: the action's command type, and the reply that action gets if it arrives late. */
export interface CompensatedAction {
  commandType: string;
  lateReply: StoredReply;
}

export interface BarrierResult {
  reply: StoredReply;
  /** True when this delivery was a duplicate and `reply` is the one stored by the first. */
  duplicate: boolean;
  /** True for a compensation whose action never ran: it had nothing to undo, and the action is now blocked. */
  nullCompensation: boolean;
}

/**
 * Runs `effect` at most once per (idempotencyKey, op), inside `tx`, with DTM's branch-barrier rules:
 * - The row for this op is inserted first. A duplicate (redelivery, retry) finds it and gets the stored reply.
 *   A concurrent duplicate blocks on the primary key until this transaction ends, then does the same.
 * - A compensation also inserts its action's row, holding the action's "late" reply. If that insert succeeds
 *   the action never ran (null compensation): the effect still runs, finds nothing to undo, and the action,
 *   should it arrive later, finds its row taken and answers the late reply without effect (anti-hanging).
 *   If the action is mid-transaction, the insert waits for it to commit or roll back, so either way is right.
 * If `effect` throws, the transaction rolls back and takes every row with it, so a redelivery tries again.
 */
export async function runOnce(
  sequelize: Sequelize,
  tx: Transaction,
  key: BarrierKey,
  effect: () => Promise<StoredReply>,
  compensated?: CompensatedAction,
): Promise<BarrierResult> {
  if (!(await insertRow(sequelize, tx, key))) {
    return { reply: await storedReply(sequelize, tx, key), duplicate: true, nullCompensation: false };
  }
  let nullCompensation = false;
  if (key.op === 'compensation') {
    if (!compensated) throw new Error(`${key.commandType} cannot be sent as a compensation`);
    nullCompensation = await insertRow(
      sequelize,
      tx,
      { idempotencyKey: key.idempotencyKey, op: 'action', commandType: compensated.commandType },
      compensated.lateReply,
    );
  }
  const reply = await effect();
  await sequelize.query('UPDATE saga_barrier SET reply_type = ?, reply = ? WHERE idempotency_key = ? AND op = ?', {
    replacements: [reply.type, reply.payload, key.idempotencyKey, key.op],
    transaction: tx,
  });
  return { reply, duplicate: false, nullCompensation };
}

/** INSERT IGNORE: true when the row is new, false when (idempotency_key, op) was there already. */
async function insertRow(sequelize: Sequelize, tx: Transaction, key: BarrierKey, reply?: StoredReply): Promise<boolean> {
  const [, inserted] = await sequelize.query(
    'INSERT IGNORE INTO saga_barrier (idempotency_key, op, command_type, reply_type, reply) VALUES (?, ?, ?, ?, ?)',
    {
      replacements: [key.idempotencyKey, key.op, key.commandType, reply?.type ?? null, reply?.payload ?? null],
      transaction: tx,
      type: QueryTypes.INSERT,
    },
  );
  return inserted === 1;
}

async function storedReply(sequelize: Sequelize, tx: Transaction, key: BarrierKey): Promise<StoredReply> {
  const [row] = await sequelize.query<{ reply_type: string | null; reply: Buffer | null }>(
    'SELECT reply_type, reply FROM saga_barrier WHERE idempotency_key = ? AND op = ?',
    { replacements: [key.idempotencyKey, key.op], transaction: tx, type: QueryTypes.SELECT },
  );
  if (!row?.reply_type || !row.reply) {
    // Every committed row carries its reply (row and reply are written in one transaction), so this is corruption.
    throw new Error(`barrier row ${key.idempotencyKey}/${key.op} has no stored reply`);
  }
  return { type: row.reply_type, payload: row.reply };
}

const CLEANUP_BATCH = 1000;

/**
 * Deletes barrier rows older than `retentionMs`, a batch at a time so no delete holds many locks for long.
 * An action's row and its compensation's row age separately; each is kept for the full retention after it was
 * written. Returns how many rows went.
 */
export async function deleteExpiredBarrierRows(sequelize: Sequelize, retentionMs: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const count = await sequelize.query(
      'DELETE FROM saga_barrier WHERE created_at < NOW(3) - INTERVAL ? MICROSECOND ORDER BY created_at LIMIT ?',
      { replacements: [retentionMs * 1000, CLEANUP_BATCH], type: QueryTypes.BULKDELETE },
    );
    deleted += count;
    if (count < CLEANUP_BATCH) return deleted;
  }
}
