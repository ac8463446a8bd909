import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { SagaOp } from '@omniflow/contracts';
import type { Migration } from '../database';

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

/** One command of a batch, as the barrier sees it. */
export interface BarrierEntry {
  key: BarrierKey;
  /** Present for a compensation: the action it undoes. */
  compensated?: CompensatedAction;
}

/** What the barrier lets each command of a batch do. */
export type Admission =
  /** First delivery: run the effect. `nullCompensation`: a compensation whose action never ran (nothing to undo). */
  | { kind: 'apply'; nullCompensation: boolean }
  /** Answered before (a redelivery, or an action blocked by its compensation): this reply, and no effect. */
  | { kind: 'stored'; reply: StoredReply }
  /** The same branch and op earlier in this very batch: that command's reply, and no effect. */
  | { kind: 'repeat'; of: number };

/** A barrier row as the batch knows it: answered, claimed by none yet (our placeholder), or claimed in the batch. */
export type Slot = { state: 'stored'; reply: StoredReply } | { state: 'open' } | { state: 'claimed'; by: number } | { state: 'late'; reply: StoredReply };

/**
 * DTM's branch-barrier rules for a whole batch of commands, in one transaction, with the outcome one-at-a-time
 * processing in offset order would give:
 * - A row per (idempotencyKey, op) is inserted first (INSERT IGNORE, all at once, as a placeholder without a
 *   reply). A row that was there already holds its reply: the command is a duplicate and gets it. A
 *   concurrent duplicate blocks on the primary key until the transaction that holds it ends.
 * - A compensation also inserts its action's row. If, in offset order, nothing claimed that row before it, the
 *   action never ran (null compensation): the effect still runs and finds nothing to undo, and the row gets
 *   the action's late reply, so a later action — in this batch or after — answers it without effect
 *   (anti-hanging).
 * - `record` stores every applied command's reply in its row before the commit. If anything throws, the
 *   transaction rolls back and takes every row with it, so a redelivery tries again.
 */
export class BarrierBatch {
  private constructor(
    private readonly sequelize: Sequelize,
    private readonly tx: Transaction,
    /** Every row the batch touches, by slot id. */
    private readonly keys: Map<string, BarrierKey>,
    private readonly slots: Map<string, Slot>,
    readonly admissions: readonly Admission[],
  ) {}

  static async admit(sequelize: Sequelize, tx: Transaction, entries: readonly BarrierEntry[]): Promise<BarrierBatch> {
    const slots = await openSlots(sequelize, tx, entries.map((entry) => entry.key));
    // A compensation that may apply needs its action's row too; one not there yet is inserted as a placeholder.
    const actions = entries
      .filter((entry) => entry.compensated && slots.get(slotId(entry.key))!.state === 'open')
      .map((entry) => actionKey(entry))
      .filter((key) => !slots.has(slotId(key)));
    for (const [id, slot] of await openSlots(sequelize, tx, actions)) slots.set(id, slot);
    const keys = new Map([...entries.map((entry) => entry.key), ...actions].map((key) => [slotId(key), key]));
    return new BarrierBatch(sequelize, tx, keys, slots, decide(entries, slots));
  }

  /** Stores each applied command's reply (`replies[i]` for entry i) and each late reply in its row. */
  async record(replies: readonly (StoredReply | undefined)[]): Promise<void> {
    const rows: unknown[][] = [];
    for (const [id, slot] of this.slots) {
      if (slot.state === 'stored') continue;
      if (slot.state === 'open') throw new Error(`barrier row ${id} was claimed by no command of its batch`);
      const { idempotencyKey, op, commandType } = this.keys.get(id)!;
      const reply = slot.state === 'late' ? slot.reply : replies[slot.by];
      if (!reply) throw new Error(`no reply for barrier row ${id}`);
      rows.push([idempotencyKey, op, commandType, reply.type, reply.payload]);
    }
    if (rows.length === 0) return;
    await this.sequelize.query(
      `INSERT INTO saga_barrier (idempotency_key, op, command_type, reply_type, reply) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE reply_type = VALUES(reply_type), reply = VALUES(reply)`,
      { replacements: rows.flat(), transaction: this.tx },
    );
  }
}

/**
 * The admissions of a batch, in order, against what its rows held before it (`slots`, updated as commands claim
 * them). Pure, so the rules can be read — and tested — apart from SQL.
 */
export function decide(entries: readonly BarrierEntry[], slots: Map<string, Slot>): Admission[] {
  return entries.map((entry, index) => {
    const id = slotId(entry.key);
    const own = slots.get(id);
    if (!own) throw new Error(`barrier row ${id} was not read`);
    if (own.state === 'stored' || own.state === 'late') return { kind: 'stored', reply: own.reply };
    if (own.state === 'claimed') return { kind: 'repeat', of: own.by };
    slots.set(id, { state: 'claimed', by: index });
    if (!entry.compensated) return { kind: 'apply', nullCompensation: false };
    const actionId = slotId(actionKey(entry));
    const nullCompensation = slots.get(actionId)?.state === 'open';
    if (nullCompensation) slots.set(actionId, { state: 'late', reply: entry.compensated.lateReply });
    return { kind: 'apply', nullCompensation };
  });
}

/**
 * Inserts a placeholder row (no reply) for every key not there yet, then reads the keys' rows back under a
 * shared lock: a row without a reply is a placeholder of ours (every committed row holds its reply), any
 * other was answered before.
 */
async function openSlots(sequelize: Sequelize, tx: Transaction, keys: readonly BarrierKey[]): Promise<Map<string, Slot>> {
  const distinct = [...new Map(keys.map((key) => [slotId(key), key])).values()].sort(byPrimaryKey);
  if (distinct.length === 0) return new Map();
  await sequelize.query(
    `INSERT IGNORE INTO saga_barrier (idempotency_key, op, command_type) VALUES ${distinct.map(() => '(?, ?, ?)').join(', ')}`,
    { replacements: distinct.flatMap((key) => [key.idempotencyKey, key.op, key.commandType]), transaction: tx, type: QueryTypes.INSERT },
  );
  const rows = await sequelize.query<{ idempotency_key: string; op: SagaOp; reply_type: string | null; reply: Buffer | null }>(
    'SELECT idempotency_key, op, reply_type, reply FROM saga_barrier WHERE idempotency_key IN (?) LOCK IN SHARE MODE',
    { replacements: [[...new Set(distinct.map((key) => key.idempotencyKey))]], transaction: tx, type: QueryTypes.SELECT },
  );
  const read = new Map(rows.map((row) => [slotId({ idempotencyKey: row.idempotency_key, op: row.op }), row]));
  return new Map(
    distinct.map((key): [string, Slot] => {
      const row = read.get(slotId(key));
      if (!row) throw new Error(`barrier row ${slotId(key)} vanished after its insert`);
      return [slotId(key), row.reply_type && row.reply ? { state: 'stored', reply: { type: row.reply_type, payload: row.reply } } : { state: 'open' }];
    }),
  );
}

function actionKey(entry: BarrierEntry): BarrierKey {
  return { idempotencyKey: entry.key.idempotencyKey, op: 'action', commandType: entry.compensated!.commandType };
}

export function slotId(key: Pick<BarrierKey, 'idempotencyKey' | 'op'>): string {
  return JSON.stringify([key.idempotencyKey, key.op]);
}

/** Rows are locked in primary-key order, so two batches inserting overlapping rows cannot deadlock on order. */
function byPrimaryKey(a: BarrierKey, b: BarrierKey): number {
  return a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : a.op < b.op ? -1 : a.op > b.op ? 1 : 0;
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
