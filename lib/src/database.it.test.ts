import { QueryTypes, Sequelize } from 'sequelize';
import pino from 'pino';
import { freshTestDatabase } from '@omniflow/devstack/testing';
import { connectDatabase, migrate, type Migration } from './database';

/** Migrations against the real MariaDB: a fresh database is created, and a half-applied migration re-runs. */
const logger = pino({ level: 'silent' });
const migrations: Migration[] = [
  { id: '0001-things', statements: ['CREATE TABLE IF NOT EXISTS things (id INT PRIMARY KEY)'] },
  {
    id: '0002-things-size',
    statements: [
      'ALTER TABLE things ADD COLUMN size INT NOT NULL DEFAULT 0',
      'ALTER TABLE things ADD CONSTRAINT things_size_not_negative CHECK (size >= 0)',
      'ALTER TABLE things ADD KEY things_by_size (size)',
    ],
  },
];

let db: Sequelize;
beforeAll(async () => {
  db = await connectDatabase(await freshTestDatabase('omniflow_test_migrations'), logger);
});
afterAll(() => db.close());

it('creates the database and applies each migration once', async () => {
  await migrate(db, migrations, logger);
  await migrate(db, migrations, logger);
  const applied = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id', { type: QueryTypes.SELECT });
  expect(applied.map((row) => row.id)).toEqual(['0001-things', '0002-things-size']);
});

it('re-runs a migration whose DDL landed but whose record did not (a crash in between)', async () => {
  await db.query("DELETE FROM schema_migrations WHERE id = '0002-things-size'");
  await migrate(db, migrations, logger);
  await db.query('INSERT INTO things (id, size) VALUES (1, 3)');
  await expect(db.query('INSERT INTO things (id, size) VALUES (2, -1)')).rejects.toThrow(/things_size_not_negative/);
});
