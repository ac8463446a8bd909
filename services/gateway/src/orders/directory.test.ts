import type { Sequelize } from 'sequelize';
import { viewOf } from '../testing/gateway';
import { sqlOrderDirectory } from './directory';

/** Records the SQL the directory sends; answers with `rows`, or fails with `error`. */
function fakeDatabase(answer: { rows?: { view: string }[]; error?: unknown }) {
  const sent: { sql: string; replacements: unknown }[] = [];
  const database = {
    query: async (sql: string, options: { replacements: unknown }) => {
      sent.push({ sql, replacements: options.replacements });
      if (answer.error) throw answer.error;
      return answer.rows ?? [];
    },
  } as unknown as Pick<Sequelize, 'query'>;
  return { database, sent };
}

/** What MySQL answers until the orchestrator has created the read model's table. */
const missingTable = Object.assign(new Error("Table 'omniflow_orders.orders' doesn't exist"), { parent: { code: 'ER_NO_SUCH_TABLE' } });

describe('sqlOrderDirectory', () => {
  it('reads newest first, with no filter for an auditor listing everything', async () => {
    const { database, sent } = fakeDatabase({});
    await sqlOrderDirectory(database).list({ status: null, customerId: null, limit: 50 });
    expect(sent).toEqual([{ sql: 'SELECT view FROM orders ORDER BY created_at DESC, order_id LIMIT ?', replacements: [50] }]);
  });

  it('filters by status and customer as bound values, never as SQL text', async () => {
    const { database, sent } = fakeDatabase({});
    await sqlOrderDirectory(database).list({ status: 'PAID', customerId: "alice' OR '1'='1", limit: 5 });
    expect(sent).toEqual([
      {
        sql: 'SELECT view FROM orders WHERE status = ? AND customer_id = ? ORDER BY created_at DESC, order_id LIMIT ?',
        replacements: ['PAID', "alice' OR '1'='1", 5],
      },
    ]);
  });

  it('answers with the OrderView stored in each row', async () => {
    const lines = [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }];
    const view = viewOf({ orderId: 'a0000000-0000-4000-8000-000000000000', customerId: 'alice', currency: 'USD', lines, totalCents: 500_00, shippingAddress: null });
    const { database } = fakeDatabase({ rows: [{ view: JSON.stringify(view) }] });
    expect(await sqlOrderDirectory(database).list({ status: null, customerId: 'alice', limit: 1 })).toEqual([view]);
  });

  it('is 503 unavailable with Retry-After until the orchestrator has created the table', async () => {
    const { database } = fakeDatabase({ error: missingTable });
    await expect(sqlOrderDirectory(database).list({ status: null, customerId: null, limit: 50 })).rejects.toMatchObject({
      status: 503,
      code: 'unavailable',
      headers: { 'Retry-After': '5' },
    });
  });

  it('lets any other database failure through as the server error it is', async () => {
    const lost = Object.assign(new Error('connection lost'), { parent: { code: 'PROTOCOL_CONNECTION_LOST' } });
    const { database } = fakeDatabase({ error: lost });
    await expect(sqlOrderDirectory(database).list({ status: null, customerId: null, limit: 50 })).rejects.toBe(lost);
  });

  describe('get', () => {
    const orderId = 'a0000000-0000-4000-8000-000000000000';

    it("reads one order's row by its id, as a bound value", async () => {
      const view = viewOf({ orderId, customerId: 'alice', currency: 'USD', lines: [], totalCents: 0, shippingAddress: null }, 'PENDING_REVIEW');
      const { database, sent } = fakeDatabase({ rows: [{ view: JSON.stringify(view) }] });
      expect(await sqlOrderDirectory(database).get(orderId)).toEqual(view);
      expect(sent).toEqual([{ sql: 'SELECT view FROM orders WHERE order_id = ?', replacements: [orderId] }]);
    });

    it('has no order while there is no row, or no table yet (the order is then read from its workflow)', async () => {
      expect(await sqlOrderDirectory(fakeDatabase({}).database).get(orderId)).toBeUndefined();
      expect(await sqlOrderDirectory(fakeDatabase({ error: missingTable }).database).get(orderId)).toBeUndefined();
    });
  });
});
