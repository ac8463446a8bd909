import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import type { OrderView, OrderWorkflowInput } from '@omniflow/contracts/orders';
import { createApp } from './app';
import type { Catalog } from './catalog/catalog';
import { HttpError } from './http/errors';
import type { OrderWorkflows } from './orders/workflows';

const prices: Record<string, number> = { iPhone15: 500_00, MacPro: 20_000_00 };
const catalog: Catalog = {
  async price(lines) {
    const unknown = lines.filter((line) => !(line.sku in prices));
    if (unknown.length) throw new HttpError(422, 'unknown_sku', `not in the catalog: ${unknown.map((l) => l.sku).join(', ')}`);
    return lines.map((line) => ({ ...line, unitPriceCents: prices[line.sku]! }));
  },
};

let started: OrderWorkflowInput[];
const workflows: OrderWorkflows = {
  async start(input) {
    started.push(input);
  },
  async get(orderId) {
    const input = started.find((order) => order.orderId === orderId);
    return input && ({ ...input, status: 'PENDING', reason: null, allocations: [], paymentId: null, shipments: [], timeline: [] } satisfies OrderView);
  },
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createApp(catalog, workflows, pino({ level: 'silent' })).listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));
beforeEach(() => {
  started = [];
});

/** Response bodies are the API's JSON; the assertions say what is expected in them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

const post = (body: string, contentType = 'application/json') =>
  fetch(`${base}/api/v1/orders`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('POST /api/v1/orders', () => {
  it('accepts the README order, prices it from the catalog and starts its workflow', async () => {
    const response = await post(JSON.stringify({ amount: 500, items: ['iPhone15'] }));
    expect(response.status).toBe(202);
    const body = await json(response);
    expect(body).toMatchObject({ status: 'PENDING', amount: 500, currency: 'USD' });
    expect(response.headers.get('location')).toBe(`/api/v1/orders/${body.orderId}`);
    expect(started).toEqual([
      { orderId: body.orderId, customerId: 'guest', currency: 'USD', totalCents: 500_00, lines: [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }] },
    ]);
  });

  it('prices the full item shape, adding up repeated SKUs, with no amount given', async () => {
    const response = await post(JSON.stringify({ items: [{ sku: 'iPhone15', qty: 2 }, 'iPhone15', 'MacPro'] }));
    expect(response.status).toBe(202);
    expect(started[0]).toMatchObject({
      totalCents: 3 * 500_00 + 20_000_00,
      lines: [
        { sku: 'iPhone15', quantity: 3 },
        { sku: 'MacPro', quantity: 1 },
      ],
    });
  });

  it.each<{ name: string; body: string; status: number; code: string; contentType?: string }>([
    { name: 'malformed JSON', body: '{"items": [', status: 400, code: 'invalid_json' },
    { name: 'a JSON array', body: '[]', status: 400, code: 'invalid_request' },
    { name: 'no items', body: '{"items": []}', status: 400, code: 'invalid_request' },
    { name: 'items of the wrong type', body: '{"items": "iPhone15"}', status: 400, code: 'invalid_request' },
    { name: 'a zero quantity', body: '{"items": [{"sku": "iPhone15", "qty": 0}]}', status: 400, code: 'invalid_request' },
    { name: 'a fractional quantity', body: '{"items": [{"sku": "iPhone15", "qty": 1.5}]}', status: 400, code: 'invalid_request' },
    { name: 'a SKU with odd characters', body: '{"items": ["iPhone15; DROP TABLE"]}', status: 400, code: 'invalid_request' },
    { name: 'too many items', body: JSON.stringify({ items: Array(51).fill('iPhone15') }), status: 400, code: 'invalid_request' },
    { name: 'an unknown field', body: '{"items": ["iPhone15"], "discount": 100}', status: 400, code: 'invalid_request' },
    { name: 'a negative amount', body: '{"amount": -5, "items": ["iPhone15"]}', status: 400, code: 'invalid_request' },
    { name: 'an amount with 3 decimals', body: '{"amount": 500.001, "items": ["iPhone15"]}', status: 400, code: 'invalid_request' },
    { name: 'an amount that is not the catalog total', body: '{"amount": 1, "items": ["iPhone15"]}', status: 422, code: 'amount_mismatch' },
    { name: 'an unknown SKU', body: '{"items": ["Walkman"]}', status: 422, code: 'unknown_sku' },
    { name: 'a body over the size limit', body: JSON.stringify({ items: ['iPhone15'], pad: 'x'.repeat(20_000) }), status: 413, code: 'payload_too_large' },
    { name: 'a body that is not JSON', body: 'items=iPhone15', status: 415, code: 'unsupported_media_type', contentType: 'application/x-www-form-urlencoded' },
  ])('answers $name with $status and starts nothing', async ({ body, status, code, contentType }) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect((await json(response)).error).toMatchObject({ code, message: expect.any(String) });
    expect(started).toEqual([]);
  });
});

describe('GET /api/v1/orders/:id', () => {
  it('returns a placed order', async () => {
    const { orderId } = await json(await post('{"items": ["iPhone15"]}'));
    const response = await fetch(`${base}/api/v1/orders/${orderId}`);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ orderId, status: 'PENDING', amount: 500, items: [{ sku: 'iPhone15', qty: 1, unitPrice: 500 }] });
  });

  it('is 404 for an unknown order and 400 for something that is not an order id', async () => {
    const unknown = await fetch(`${base}/api/v1/orders/7d1c1a8e-3f0b-4c55-9a6e-0f3f9b0c2d11`);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('order_not_found');
    const invalid = await fetch(`${base}/api/v1/orders/..%2F..%2Fetc`);
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error.code).toBe('invalid_order_id');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${base}/api/v2/anything`);
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('not_found');
  });
});
