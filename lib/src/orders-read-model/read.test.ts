import type { Sequelize } from 'sequelize';
import type { OrderView } from '@omniflow/contracts/orders';
import { ordersReadModel } from './read';

/** Records the SQL the reader sends; answers with `rows`, or fails with `error`. */
function fakeDatabase(answer: { rows?: unknown[]; error?: unknown }) {
  const sent: { sql: string; replacements: unknown }[] = [];
  const database = {
    query: async (sql: string, options: { replacements?: unknown }) => {
      sent.push({ sql, replacements: options.replacements });
      if (answer.error) throw answer.error;
      return answer.rows ?? [];
    },
  } as unknown as Pick<Sequelize, 'query'>;
  return { database, sent };
}

const orderId = 'a0000000-0000-4000-8000-000000000000';
const view = {
  orderId,
  customerId: 'alice',
  status: 'PENDING_REVIEW',
  totalCents: 500_00,
  currency: 'USD',
  lines: [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }],
  timeline: [{ status: 'PENDING', reason: null, at: '2026-12-01T10:00:00.000Z' }],
} as unknown as OrderView;

describe('the orders read model, read', () => {
  it('lists newest first, with no filter for an auditor listing everything', async () => {
    const { database, sent } = fakeDatabase({});
    await ordersReadModel(database).list({ status: null, customerId: null, limit: 50 });
    expect(sent).toEqual([{ sql: 'SELECT view FROM orders ORDER BY created_at DESC, order_id LIMIT ?', replacements: [50] }]);
  });

  it('filters by status and customer as bound values, never as SQL text', async () => {
    const { database, sent } = fakeDatabase({});
    await ordersReadModel(database).list({ status: 'PAID', customerId: "alice' OR '1'='1", limit: 5 });
    expect(sent).toEqual([
      {
        sql: 'SELECT view FROM orders WHERE status = ? AND customer_id = ? ORDER BY created_at DESC, order_id LIMIT ?',
        replacements: ['PAID', "alice' OR '1'='1", 5],
      },
    ]);
  });

  it('answers with the OrderView stored in each row', async () => {
    const { database } = fakeDatabase({ rows: [{ view: JSON.stringify(view) }] });
    expect(await ordersReadModel(database).list({ status: null, customerId: 'alice', limit: 1 })).toEqual([view]);
  });

  it('lets a database failure through as the server error it is', async () => {
    const lost = Object.assign(new Error('connection lost'), { parent: { code: 'PROTOCOL_CONNECTION_LOST' } });
    const { database } = fakeDatabase({ error: lost });
    await expect(ordersReadModel(database).list({ status: null, customerId: null, limit: 50 })).rejects.toBe(lost);
  });

  it("reads one order's row by its id, as a bound value, and has no order while there is no row", async () => {
    const { database, sent } = fakeDatabase({ rows: [{ view: JSON.stringify(view) }] });
    expect(await ordersReadModel(database).get(orderId)).toEqual(view);
    expect(sent).toEqual([{ sql: 'SELECT view FROM orders WHERE order_id = ?', replacements: [orderId] }]);
    expect(await ordersReadModel(fakeDatabase({}).database).get(orderId)).toBeUndefined();
  });

  it('counts orders by status, as numbers whatever type the driver gives COUNT(*)', async () => {
    const { database } = fakeDatabase({ rows: [{ status: 'PAID', orders: '3' }, { status: 'COMPLETED', orders: 12n }] });
    expect(await ordersReadModel(database).countByStatus()).toEqual([
      { status: 'PAID', orders: 3 },
      { status: 'COMPLETED', orders: 12 },
    ]);
  });
});
