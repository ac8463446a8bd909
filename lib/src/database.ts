import { QueryTypes, Sequelize, type Transaction } from 'sequelize';
import type { Logger } from './logger';

export interface Migration {
  /** Never renamed once released: it is what `schema_migrations` remembers. */
  id: string;
  /**
   * Run in order. MySQL commits DDL implicitly, so a crash can leave a migration half done without its
   * record; on the next start it runs again, and a statement whose object already exists counts as applied.
   * Never edit a released migration: add the next one.
   */
  statements: string[];
}

/**
 * Connects to the service's own database, creating it first if the server does not have it yet,
 * so a fresh MySQL needs nothing done by hand.
 */
export async function connectDatabase(url: string, logger: Logger): Promise<Sequelize> {
  const parsed = new URL(url);
  const database = parsed.pathname.slice(1);
  const server = new Sequelize(withoutDatabase(parsed), { dialect: 'mysql', logging: false });
  try {
    // The name was validated as [A-Za-z0-9_]+ by the config schema, so quoting it is enough.
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await server.close();
  }
  const sequelize = new Sequelize(url, {
    dialect: 'mysql',
    logging: false,
    pool: { max: 10, min: 1, acquire: 30_000, idle: 60_000 },
    define: { underscored: true, timestamps: false },
  });
  await sequelize.authenticate();
  logger.info({ database }, 'database connected');
  return sequelize;
}

function withoutDatabase(url: URL): string {
  const copy = new URL(url.toString());
  copy.pathname = '/';
  return copy.toString();
}

/**
 * Applies the migrations not yet recorded, in order. A named lock makes two instances of one service starting
 * together take turns instead of racing to create the same table.
 */
export async function migrate(sequelize: Sequelize, migrations: Migration[], logger: Logger): Promise<void> {
  await sequelize.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       id VARCHAR(191) NOT NULL PRIMARY KEY,
       applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
     )`,
  );
  // GET_LOCK belongs to one connection, so take and release it on the same one.
  await sequelize.transaction(async (lockTx) => {
    const [lock] = await sequelize.query<{ acquired: number }>(`SELECT GET_LOCK('schema_migrations', 60) AS acquired`, {
      type: QueryTypes.SELECT,
      transaction: lockTx,
    });
    if (lock?.acquired !== 1) throw new Error('timed out waiting for the schema_migrations lock');
    try {
      const rows = await sequelize.query<{ id: string }>('SELECT id FROM schema_migrations', {
        type: QueryTypes.SELECT,
        transaction: lockTx,
      });
      const applied = new Set(rows.map((row) => row.id));
      for (const migration of migrations) {
        if (applied.has(migration.id)) continue;
        for (const statement of migration.statements) await applyOnce(sequelize, statement, lockTx);
        await sequelize.query('INSERT INTO schema_migrations (id) VALUES (?)', {
          replacements: [migration.id],
          transaction: lockTx,
        });
        logger.info({ migration: migration.id }, 'migration applied');
      }
    } finally {
      await sequelize.query(`SELECT RELEASE_LOCK('schema_migrations')`, { transaction: lockTx });
    }
  });
}

/**
 * The answers to DDL whose object is already there: table, column, key, constraint. A duplicate CHECK name
 * is ER_FK_DUP_NAME on MariaDB (measured) and ER_CHECK_CONSTRAINT_DUP_NAME on MySQL 8.
 */
const ALREADY_APPLIED_ERRORS = new Set([
  'ER_TABLE_EXISTS_ERROR',
  'ER_DUP_FIELDNAME',
  'ER_DUP_KEYNAME',
  'ER_FK_DUP_NAME',
  'ER_CHECK_CONSTRAINT_DUP_NAME',
]);

async function applyOnce(sequelize: Sequelize, statement: string, tx: Transaction): Promise<void> {
  try {
    await sequelize.query(statement, { transaction: tx });
  } catch (err) {
    const code = (err as { parent?: { code?: string } }).parent?.code;
    if (!code || !ALREADY_APPLIED_ERRORS.has(code)) throw err;
  }
}

const RETRYABLE_MYSQL_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/**
 * Runs a transaction, running it again when MySQL chose it as a deadlock victim or it waited too long for a
 * row lock: both roll the whole transaction back, so running it again from the start is safe.
 */
export async function transactionWithRetry<T>(
  sequelize: Sequelize,
  work: (tx: Transaction) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(work);
    } catch (err) {
      const code = (err as { parent?: { code?: string } }).parent?.code;
      if (attempt >= attempts || !code || !RETRYABLE_MYSQL_ERRORS.has(code)) throw err;
    }
  }
}
