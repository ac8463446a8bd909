import { QueryTypes, Sequelize } from 'sequelize';
import pino from 'pino';
import { freshTestDatabase } from '@omniflow/devstack/testing';
import { barrierAgeIndexMigration, barrierMigration, deleteExpiredBarrierRows } from './barrier';
import { connectDatabase, migrate } from '../database';

/** The dedup cleanup against the real MariaDB, on a database of its own. */
const DAY_MS = 86_400_000;
let db: Sequelize;
beforeAll(async () => {
  db = await connectDatabase(await freshTestDatabase('omniflow_test_barrier_cleanup'), pino({ level: 'silent' }));
  await migrate(db, [barrierMigration, barrierAgeIndexMigration], pino({ level: 'silent' }));
});
afterAll(() => db.close());

async function insertRows(prefix: string, count: number, ageDays: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => [`${prefix}-${i}`, 'action', 'inventory.ReserveStock', ageDays * DAY_MS * 1000]);
  await db.query(
    `INSERT INTO saga_barrier (idempotency_key, op, command_type, created_at) VALUES ${rows.map(() => '(?, ?, ?, NOW(3) - INTERVAL ? MICROSECOND)').join(', ')}`,
    { replacements: rows.flat() },
  );
}

const keys = async () =>
  (await db.query<{ k: string }>('SELECT idempotency_key AS k FROM saga_barrier ORDER BY k', { type: QueryTypes.SELECT })).map((row) => row.k);

it('deletes rows older than the retention, over several batches, and keeps the younger ones', async () => {
  await insertRows('old', 2500, 15);
  await insertRows('young', 3, 13);

  expect(await deleteExpiredBarrierRows(db, 14 * DAY_MS)).toBe(2500);
  expect(await keys()).toEqual(['young-0', 'young-1', 'young-2']);
  expect(await deleteExpiredBarrierRows(db, 14 * DAY_MS)).toBe(0);
});
