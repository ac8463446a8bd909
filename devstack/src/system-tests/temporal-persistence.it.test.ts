import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Sequelize } from 'sequelize';
import { workflowIdFor } from '@omniflow/contracts/orders';
import { infraSettings } from '../infra';
import { openDatabase, startOrder, stockUp, temporalClient } from '../testing';

/**
 * The Temporal server the suite runs against is the one TEMPORAL_PERSISTENCE selects: an order's workflow
 * history lands in the dev server's SQLite file (sqlite), or in the full server's PostgreSQL tables (postgres).
 */
const infra = infraSettings();
let inventory: Sequelize;
beforeAll(() => {
  inventory = openDatabase('inventory');
});
afterAll(() => inventory.close());

it(`keeps an order's workflow history in the ${infra.TEMPORAL_PERSISTENCE} store`, async () => {
  const sku = await stockUp(inventory, { 'WH-EAST': 1 });
  const temporal = await temporalClient();
  try {
    const order = await startOrder(temporal.client, [{ sku, quantity: 1, unitPriceCents: 10_00 }]);
    expect((await order.result()).status).toBe('COMPLETED');
    const workflowId = workflowIdFor(order.orderId);
    const events = (await temporal.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];

    if (infra.TEMPORAL_PERSISTENCE === 'postgres') {
      // The run's mutable state and history nodes, in the tables of the server's own schema.
      const stored = postgresHistory(infra.TEMPORAL_POSTGRES_URL!, workflowId);
      expect(stored).toEqual({ executions: 1, lastEventId: events.length, historyNodes: expect.any(Number) });
      expect(stored.historyNodes).toBeGreaterThan(0);
    } else {
      // The dev server writes workflow ids as text into its database (or its write-ahead log, until a checkpoint).
      expect(sqliteFileMentions(infra.TEMPORAL_SQLITE_FILE!, workflowId)).toBe(true);
    }
  } finally {
    await temporal.close();
  }
});

function postgresHistory(url: string, workflowId: string): { executions: number; lastEventId: number; historyNodes: number } {
  // psql, not a driver: the only PostgreSQL client the tests need is the one installed with the server.
  const sql = `SELECT count(*), coalesce(max(e.next_event_id) - 1, 0),
                      (SELECT count(*) FROM history_node h JOIN executions x ON h.tree_id = x.run_id WHERE x.workflow_id = :'wf')
               FROM executions e WHERE e.workflow_id = :'wf';`;
  const out = execFileSync('psql', [url, '-X', '-tA', '-F', ' ', '-v', 'ON_ERROR_STOP=1', '-v', `wf=${workflowId}`], { input: sql, encoding: 'utf8' });
  const [executions, lastEventId, historyNodes] = out.trim().split(' ').map(Number);
  return { executions: executions!, lastEventId: lastEventId!, historyNodes: historyNodes! };
}

function sqliteFileMentions(file: string, text: string): boolean {
  const needle = Buffer.from(text);
  // Right after a checkpoint there is no write-ahead log.
  return [file, `${file}-wal`].filter((path) => existsSync(path)).some((path) => readFileSync(path).includes(needle));
}
