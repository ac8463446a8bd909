import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
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

/** An action does the work; a compensation (release, refund) undoes its action of the same branch. */
export type BarrierOp = 'action' | 'compensation';

export interface StoredReply {
  type: string;
  payload: Buffer;
}

export interface BarrierResult {
  reply: StoredReply;
  /** True when this delivery was a duplicate and `reply` is the one stored by the first. */
  duplicate: boolean;
}

/**
 * Runs `effect` at most once per (idempotencyKey, op), inside `tx`. The row is inserted first: a concurrent
 * duplicate blocks on the primary key until this transaction ends, then finds the row and the stored reply.
 * If `effect` throws, the transaction rolls back and takes the row with it, so a later redelivery tries again.
 */
export async function runOnce(
  sequelize: Sequelize,
  tx: Transaction,
  key: { idempotencyKey: string; op: BarrierOp; commandType: string },
  effect: () => Promise<StoredReply>,
): Promise<BarrierResult> {
  const [, inserted] = await sequelize.query(
    'INSERT IGNORE INTO saga_barrier (idempotency_key, op, command_type) VALUES (?, ?, ?)',
    { replacements: [key.idempotencyKey, key.op, key.commandType], transaction: tx, type: QueryTypes.INSERT },
  );
  if (inserted === 0) return { reply: await storedReply(sequelize, tx, key), duplicate: true };

  const reply = await effect();
  await sequelize.query('UPDATE saga_barrier SET reply_type = ?, reply = ? WHERE idempotency_key = ? AND op = ?', {
    replacements: [reply.type, reply.payload, key.idempotencyKey, key.op],
    transaction: tx,
  });
  return { reply, duplicate: false };
}

async function storedReply(
  sequelize: Sequelize,
  tx: Transaction,
  key: { idempotencyKey: string; op: BarrierOp },
): Promise<StoredReply> {
  const [row] = await sequelize.query<{ reply_type: string | null; reply: Buffer | null }>(
    'SELECT reply_type, reply FROM saga_barrier WHERE idempotency_key = ? AND op = ?',
    { replacements: [key.idempotencyKey, key.op], transaction: tx, type: QueryTypes.SELECT },
  );
  if (!row?.reply_type || !row.reply) {
    // Every committed row carries its reply (both are written in one transaction), so this is corruption.
    throw new Error(`barrier row ${key.idempotencyKey}/${key.op} has no stored reply`);
  }
  return { type: row.reply_type, payload: row.reply };
}
