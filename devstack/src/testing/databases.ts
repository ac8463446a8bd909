/** Direct access to the test stack's MySQL: a service's database, or an empty one of a test's own. */
import { Sequelize } from 'sequelize';
import { dropDatabases } from '../stack/reset';
import type { Database } from '../stack/settings';
import { testStack } from './test-stack';

/** A service's own database, for arranging data and asserting effects a service cannot show otherwise. */
export function openDatabase(database: Database): Sequelize {
  return new Sequelize(testStack().databaseUrl(database), { dialect: 'mysql', logging: false });
}

/** The URL of an empty database of a test's own (dropped if a past run left it), on the test stack's MySQL. */
export async function freshTestDatabase(name: string): Promise<string> {
  const url = new URL(testStack().infra.MYSQL_URL);
  url.pathname = `/${name}`;
  await dropDatabases(testStack().infra.MYSQL_URL, [url.toString()]);
  return url.toString();
}
