import type { Role } from '@omniflow/lib/auth';
import type { ReadableMessage } from '@omniflow/lib';
import { serveGateway, tokenFor } from '../testing/gateway';
import { MAX_CONCURRENT_READS } from './topic-routes';

/** The admin API: staff only, every bad input a 4xx that reaches nothing behind the gateway. */
const gateway = serveGateway();
const AUDITOR = { sub: 'audrey', role: 'auditor' as Role };
const OPERATOR = { sub: 'otto', role: 'operator' as Role };
const CUSTOMER = { sub: 'alice', role: 'customer' as Role };
const ORDER = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

const stored: ReadableMessage = {
  topic: 'test.inventory.commands',
  partition: 2,
  offset: '17',
  key: ORDER,
  timestamp: '2025-01-01T00:00:00.000Z',
  headers: { 'message-type': 'inventory.ReserveStock' },
  type: 'inventory.ReserveStock',
  body: { orderId: ORDER, lines: [] },
  error: null,
};

const ENDPOINTS = [
  '/api/v1/admin/topics',
  '/api/v1/admin/topics/test.inventory.commands/messages',
  '/api/v1/admin/topics/test.inventory.commands/messages/2/17',
  '/api/v1/admin/stock',
  '/api/v1/admin/console',
];

describe('who may use it', () => {
  it.each(ENDPOINTS)('%s: 401 without a token or with a bad one, 403 for a customer, and nothing read', async (path) => {
    const none = await gateway.call(path);
    const forged = await gateway.call(path, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged' } });
    const customer = await gateway.call(path, { as: CUSTOMER });
    expect([none.status, forged.status, customer.status]).toEqual([401, 401, 403]);
    expect([none.body.error.code, customer.body.error.code]).toEqual(['unauthenticated', 'forbidden']);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect([gateway.admin.reads, gateway.admin.stockReads]).toEqual([[], []]);
  });

  it.each([AUDITOR, OPERATOR])('lets staff ($role) read topics, messages and stock', async (as) => {
    gateway.admin.stored = [stored];
    expect((await gateway.call('/api/v1/admin/topics', { as })).body).toEqual({ topics: gateway.admin.summaries });
    expect((await gateway.call('/api/v1/admin/topics/test.inventory.commands/messages', { as })).body).toEqual({ messages: [stored] });
    expect((await gateway.call('/api/v1/admin/topics/test.inventory.commands/messages/2/17', { as })).body).toEqual(stored);
    expect((await gateway.call('/api/v1/admin/stock?sku=MacPro', { as })).body).toEqual({ stock: gateway.admin.levelsAnswer });
    expect(gateway.admin.stockReads).toEqual(['MacPro']);
  });

  it("tells the console who is signed in and where Temporal's UI is", async () => {
    const response = await gateway.call('/api/v1/admin/console', { as: OPERATOR });
    expect(response.body).toEqual({ sub: 'otto', role: 'operator', temporalUiUrl: 'http://temporal-ui.test', temporalNamespace: 'default' });
  });
});

describe('topic messages', () => {
  it('passes the order filter and limit on, defaulting to 50', async () => {
    await gateway.call(`/api/v1/admin/topics/test.dead-letters/messages?orderId=${ORDER}&limit=5`, { as: AUDITOR });
    await gateway.call('/api/v1/admin/topics/test.dead-letters/messages', { as: AUDITOR });
    expect(gateway.admin.reads).toEqual([
      ['messages', 'test.dead-letters', { orderId: ORDER, limit: 5 }],
      ['messages', 'test.dead-letters', { orderId: null, limit: 50 }],
    ]);
  });

  it.each<[string, string, number, string]>([
    ['a topic OmniFlow does not use', '/api/v1/admin/topics/__consumer_offsets/messages', 404, 'topic_not_found'],
    ['an order id that is no UUID', '/api/v1/admin/topics/test.dead-letters/messages?orderId=42', 400, 'invalid_request'],
    ['a limit of 0', '/api/v1/admin/topics/test.dead-letters/messages?limit=0', 400, 'invalid_request'],
    ['a limit above 500', '/api/v1/admin/topics/test.dead-letters/messages?limit=501', 400, 'invalid_request'],
    ['a limit that is no number', '/api/v1/admin/topics/test.dead-letters/messages?limit=ten', 400, 'invalid_request'],
    ['a repeated limit', '/api/v1/admin/topics/test.dead-letters/messages?limit=1&limit=2', 400, 'invalid_request'],
    ['an unknown parameter', '/api/v1/admin/topics/test.dead-letters/messages?from=0', 400, 'invalid_request'],
    ['a negative partition', '/api/v1/admin/topics/test.dead-letters/messages/-1/0', 400, 'invalid_request'],
    ['an offset that is no number', '/api/v1/admin/topics/test.dead-letters/messages/0/latest', 400, 'invalid_request'],
    ['an unknown topic, by position', '/api/v1/admin/topics/secrets/messages/0/0', 404, 'topic_not_found'],
  ])('refuses %s with %i %s, reading nothing', async (_name, path, status, code) => {
    const response = await gateway.call(path, { as: AUDITOR });
    expect([response.status, response.body.error.code]).toEqual([status, code]);
    expect(gateway.admin.reads).toEqual([]);
  });

  it('answers 404 for a position holding no message', async () => {
    const response = await gateway.call('/api/v1/admin/topics/test.inventory.commands/messages/0/99', { as: AUDITOR });
    expect([response.status, response.body.error.code]).toEqual([404, 'message_not_found']);
  });

  it(`refuses a read beyond ${MAX_CONCURRENT_READS} at a time with 429 and Retry-After`, async () => {
    let open!: () => void;
    gateway.admin.gate = new Promise((resolve) => (open = resolve));
    const held = Array.from({ length: MAX_CONCURRENT_READS }, () => gateway.call('/api/v1/admin/topics/test.dead-letters/messages', { as: AUDITOR }));
    while (gateway.admin.reads.length < MAX_CONCURRENT_READS) await new Promise((resolve) => setImmediate(resolve));
    const refused = await gateway.call('/api/v1/admin/topics/test.dead-letters/messages', { as: AUDITOR });
    expect([refused.status, refused.body.error.code, refused.headers.get('retry-after')]).toEqual([429, 'too_many_reads', '2']);
    open();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual(Array(MAX_CONCURRENT_READS).fill(200));
    expect((await gateway.call('/api/v1/admin/topics/test.dead-letters/messages', { as: AUDITOR })).status).toBe(200);
  });
});

describe('stock', () => {
  it.each(['?sku=a%20b', '?sku=a&sku=b', '?warehouse=WH-EAST'])('refuses %s with 400, asking inventory nothing', async (query) => {
    const response = await gateway.call(`/api/v1/admin/stock${query}`, { as: AUDITOR });
    expect([response.status, response.body.error.code]).toEqual([400, 'invalid_request']);
    expect(gateway.admin.stockReads).toEqual([]);
  });
});

describe('live events', () => {
  it('streams each order change as an SSE `order` event in major units, and ends the stream when the feed stops', async () => {
    const response = await fetch(`${gateway.base}/api/v1/admin/events`, { headers: { authorization: `Bearer ${tokenFor('otto', 'operator')}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value!;
    expect(text).toContain(': connected');
    gateway.admin.emit({ orderId: ORDER, customerId: 'alice', status: 'REJECTED', reason: 'fraud', totalCents: 2_000_000, currency: 'USD', version: 4, createdAt: 'a', at: 'b' });
    while (!text.includes('\n\nevent: order')) text += (await reader.read()).value!;
    while (!text.endsWith('\n\n')) text += (await reader.read()).value!;
    const data = text.split('event: order\ndata: ')[1]!.trim();
    expect(JSON.parse(data)).toEqual({ orderId: ORDER, customerId: 'alice', status: 'REJECTED', reason: 'fraud', amount: 20000, currency: 'USD', version: 4, createdAt: 'a', at: 'b' });
    gateway.admin.end();
    while (!(await reader.read()).done);
  });

  it('stops listening when the client goes away', async () => {
    const controller = new AbortController();
    const response = await fetch(`${gateway.base}/api/v1/admin/events`, { headers: { authorization: `Bearer ${tokenFor('audrey', 'auditor')}` }, signal: controller.signal });
    await response.body!.getReader().read();
    expect(gateway.admin.subscriberCount).toBe(1);
    controller.abort();
    while (gateway.admin.subscriberCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  });
});

describe('the console files', () => {
  it('serves the page at /console/ (not cached) and hashed assets for good', async () => {
    const redirect = await fetch(`${gateway.base}/console`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/console/']);
    const page = await gateway.call('/console/');
    expect([page.status, page.headers.get('cache-control')]).toEqual([200, 'no-cache']);
    expect(page.body).toContain('OmniFlow console');
    const asset = await gateway.call('/console/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await gateway.call('/console/assets/nope.js');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
  });
});
