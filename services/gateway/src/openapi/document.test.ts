import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { credentials } from '../auth/login';
import { HttpError } from '../http/errors';
import { parseWith, requireObject } from '../http/validate';
import { parseOrderRequest } from '../orders/request';
import { parseAuditRequest, parseCancelRequest } from '../orders/update-request';
import { CONSOLE_PASSWORD, serveGateway, tokenFor, viewOf, type Json } from '../testing/gateway';
import { openApiDocument } from './document';
import type { Operation } from './parts';

/** The document as one JSON Schema resource, so `#/components/schemas/…` refs resolve as in the document itself. */
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const keyword of Object.keys(openApiDocument)) ajv.addKeyword(keyword);
ajv.addSchema(openApiDocument, 'openapi');

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const schemaAt = (...parts: string[]) => ajv.compile({ $ref: `openapi#/${pointer(...parts)}` });
const operationOf = (path: string, method: string) =>
  (openApiDocument.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

function expectValid(validate: ReturnType<typeof schemaAt>, value: unknown): void {
  validate(value);
  expect(validate.errors ?? []).toEqual([]);
}

describe('the document', () => {
  it('is OpenAPI 3.1 whose every schema compiles (unknown keywords are errors) and every $ref resolves', () => {
    expect(openApiDocument.openapi).toMatch(/^3\.1\./);
    for (const name of Object.keys(openApiDocument.components.schemas)) expect(() => schemaAt('components', 'schemas', name)).not.toThrow();
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
        for (const [status, response] of Object.entries(operation.responses) as [string, Json][]) {
          expect({ path, method, status, answers: 'description' in response }).toMatchObject({ answers: true });
          // A redirect has no body; everything else states the schema of each media type it answers in.
          expect({ path, method, status, media: Object.keys(response.content ?? {}).length > 0 || status.startsWith('3') }).toMatchObject({ media: true });
          for (const media of Object.keys(response.content ?? {})) {
            expect(() => schemaAt('paths', path, method, 'responses', status, 'content', media, 'schema')).not.toThrow();
          }
        }
      }
    }
  });

  it('states every error in the error shape, with at least one code', () => {
    const errors = Object.values(openApiDocument.paths).flatMap((item) =>
      Object.values(item as Record<string, Operation>).flatMap((operation) =>
        Object.entries(operation.responses).filter(([status]) => Number(status) >= 400).map(([, response]) => response as Json),
      ),
    );
    expect(errors.length).toBeGreaterThan(20);
    for (const response of errors) {
      const schema = response.content['application/json'].schema.$ref;
      // Readiness answers 503 with its checks, the one error that is a report rather than a refusal.
      expect(['#/components/schemas/Error', '#/components/schemas/Readiness']).toContain(schema);
      if (schema === '#/components/schemas/Error') expect(response.description).toMatch(/Codes: `[a-z_]+`/);
    }
  });
});

/**
 * The document's request schemas and the gateway's validators decide alike: each body is accepted by both or
 * refused by both. (The validators also trim address text; a blank-after-trimming field is theirs alone.)
 */
describe.each([
  {
    name: 'PlaceOrderRequest',
    parse: parseOrderRequest,
    bodies: [
      { amount: 500, items: ['iPhone15'] },
      { items: [{ sku: 'AirPods', qty: 2 }, 'iPad'] },
      { items: ['iPhone15'], customerId: 'alice', amount: 500.5 },
      { items: ['x'], shippingAddress: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'SW1', country: 'GB' } },
      { items: ['x'], shippingAddress: { name: 'Ada', line1: '1 St', line2: null, city: 'London', postalCode: 'SW1', country: 'GB' } },
      { items: ['x'], shippingAddress: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'SW1', country: 'gb' } },
      { items: ['x'], shippingAddress: { name: 'A\nB', line1: '1 St', city: 'London', postalCode: 'SW1', country: 'GB' } },
      { items: ['x'], shippingAddress: { name: 'Ada', line1: '1 St', city: 'London', postalCode: 'SW1' } },
      { items: [] },
      { items: Array(51).fill('x') },
      { items: Array(50).fill('x') },
      { items: ['bad sku'] },
      { items: ['x'.repeat(65)] },
      { items: [{ sku: 'x', qty: 0 }] },
      { items: [{ sku: 'x', qty: 1001 }] },
      { items: [{ sku: 'x', qty: 1.5 }] },
      { items: [{ sku: 'x' }] },
      { items: [{ sku: 'x', qty: 1, note: 'gift' }] },
      { items: ['x'], amount: 0 },
      { items: ['x'], amount: -5 },
      { items: ['x'], amount: 1.005 },
      { items: ['x'], customerId: 'no spaces allowed' },
      { items: ['x'], discount: 5 },
      { items: 'x' },
      {},
    ],
  },
  {
    name: 'AuditRequest',
    parse: parseAuditRequest,
    bodies: [{ action: 'APPROVE' }, { action: 'REJECT', reason: 'fraud' }, { action: 'REJECT', reason: null }, { action: 'approve' }, {}, { action: 'APPROVE', reason: 'x'.repeat(501) }, { action: 'APPROVE', by: 'me' }],
  },
  {
    name: 'LoginRequest',
    parse: (body: unknown) => parseWith(credentials, requireObject(body)),
    bodies: [
      { username: 'audrey', password: 'x' },
      { username: 'a'.repeat(64), password: 'x'.repeat(256) },
      { username: 'a'.repeat(65), password: 'x' },
      { username: 'audrey', password: 'x'.repeat(257) },
      { username: '', password: 'x' },
      { username: 'audrey', password: '' },
      { username: 'audrey' },
      { username: 'audrey', password: 1234 },
      { username: 'audrey', password: 'x', role: 'auditor' },
      [],
    ],
  },
  {
    name: 'CancelRequest',
    parse: parseCancelRequest,
    bodies: [{}, { reason: 'changed my mind' }, { reason: null }, { reason: 5 }, { reason: 'x'.repeat(501) }, { why: 'no' }],
  },
])('$name', ({ name, parse, bodies }) => {
  const validate = schemaAt('components', 'schemas', name);
  it.each(bodies)('decides %j as the gateway does', (body) => {
    const gateway = (() => {
      try {
        parse(body);
        return 'accepted';
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 400) throw err;
        return 'refused';
      }
    })();
    expect(validate(body) ? 'accepted' : 'refused').toBe(gateway);
  });
});

/** Real answers of the gateway (with faked back ends) match the schema documented for their route and status. */
describe('answers', () => {
  const gateway = serveGateway();
  const auditor = { sub: 'audrey', role: 'auditor' } as const;
  const orderId = '5b0c1f3e-8a1d-4c2b-9f00-0123456789ab';

  async function expectDocumented(path: string, template: string, call: Parameters<typeof gateway.call>[1] = {}) {
    const method = call.method ?? 'GET';
    const response = await gateway.call(path, call);
    const media = response.headers.get('content-type')?.split(';')[0];
    expectMediaDocumented(template, method, response.status, media);
    expectValid(schemaAt('paths', template, method.toLowerCase(), 'responses', String(response.status), 'content', media!, 'schema'), response.body);
    return response;
  }

  function expectMediaDocumented(template: string, method: string, status: number, media: string | undefined): void {
    const documented = (operationOf(template, method)?.responses[status] as Json | undefined)?.content ?? {};
    expect({ route: `${method} ${template}`, status, media, documented: media !== undefined && media in documented }).toMatchObject({ documented: true });
  }

  /** An order that has been through every part of the saga, so every field of the Order schema is filled. */
  function seedEventfulOrder(): void {
    const placed = viewOf({
      orderId,
      customerId: 'alice',
      currency: 'USD',
      lines: [{ sku: 'AirPods', quantity: 2, unitPriceCents: 249_00 }],
      totalCents: 498_00,
      shippingAddress: { name: 'Ada', line1: '1 St', line2: null, city: 'London', postalCode: 'SW1', country: 'GB' },
    });
    gateway.orders.orders.set(orderId, {
      ...placed,
      status: 'PARTIALLY_SHIPPED',
      reason: 'a parcel could not be shipped',
      allocations: [{ sku: 'AirPods', warehouseId: 'WH-EAST', quantity: 1 }, { sku: 'AirPods', warehouseId: 'WH-WEST', quantity: 1 }],
      paymentId: 'pay-1',
      chargedCents: 498_00,
      refundedCents: 249_00,
      shipments: [
        { warehouseId: 'WH-EAST', status: 'SCHEDULED', shipmentId: 'sh-1', trackingNumber: 'OMF1', reason: null, refundedCents: 0 },
        { warehouseId: 'WH-WEST', status: 'FAILED', shipmentId: null, trackingNumber: null, reason: 'no carrier', refundedCents: 249_00 },
      ],
      review: { auditor: 'audrey', action: 'APPROVE', reason: null, at: '2025-01-01T00:00:30.000Z' },
    });
  }

  it('places, replays, reads, lists, audits and cancels orders as documented', async () => {
    const placed = await expectDocumented('/api/v1/orders', '/api/v1/orders', { method: 'POST', body: { items: ['iPhone15'] }, headers: { 'idempotency-key': 'k1' } });
    expect(placed.status).toBe(202);
    await expectDocumented('/api/v1/orders', '/api/v1/orders', { method: 'POST', body: { items: ['iPhone15'] }, headers: { 'idempotency-key': 'k1' } });
    seedEventfulOrder();
    await expectDocumented(`/api/v1/orders/${orderId}`, '/api/v1/orders/{id}', { as: { sub: 'alice', role: 'customer' } });
    gateway.orders.listed = [...gateway.orders.orders.values()];
    await expectDocumented('/api/v1/orders?limit=10', '/api/v1/orders', { as: auditor });
    gateway.orders.seed(orderId, 'alice', 'PENDING_REVIEW');
    await expectDocumented(`/api/v1/orders/${orderId}/audit`, '/api/v1/orders/{id}/audit', { method: 'POST', as: auditor, body: { action: 'REJECT' } });
    gateway.orders.seed(orderId, 'alice', 'PAID');
    await expectDocumented(`/api/v1/orders/${orderId}/cancel`, '/api/v1/orders/{id}/cancel', { method: 'POST', as: auditor });
  });

  it('logs in, and answers staff about topics, messages, stock and the console as documented', async () => {
    const login = await expectDocumented('/api/v1/auth/login', '/api/v1/auth/login', { method: 'POST', body: { username: 'otto', password: CONSOLE_PASSWORD } });
    expect(login.status).toBe(200);
    const as = { headers: { authorization: `Bearer ${login.body.token}` } };
    gateway.admin.stored = [
      {
        topic: 'test.dead-letters',
        partition: 0,
        offset: '3',
        key: orderId,
        timestamp: '2025-01-01T00:00:00.000Z',
        headers: { 'message-type': 'payment.Charge' },
        type: 'payment.Charge',
        body: null,
        error: 'no decoder for payment.Charge',
      },
    ];
    await expectDocumented('/api/v1/admin/topics', '/api/v1/admin/topics', as);
    const messages = await expectDocumented(`/api/v1/admin/topics/test.dead-letters/messages?orderId=${orderId}&limit=10`, '/api/v1/admin/topics/{topic}/messages', as);
    expect(messages.body.messages).toHaveLength(1);
    await expectDocumented('/api/v1/admin/topics/test.dead-letters/messages/0/3', '/api/v1/admin/topics/{topic}/messages/{partition}/{offset}', as);
    await expectDocumented('/api/v1/admin/stock?sku=MacPro', '/api/v1/admin/stock', as);
    await expectDocumented('/api/v1/admin/console', '/api/v1/admin/console', as);
  });

  it('streams order changes as documented Server-Sent Events', async () => {
    const abort = new AbortController();
    const response = await fetch(`${gateway.base}/api/v1/admin/events`, {
      headers: { authorization: `Bearer ${tokenFor('audrey', 'auditor')}` },
      signal: abort.signal,
    });
    expectMediaDocumented('/api/v1/admin/events', 'GET', response.status, response.headers.get('content-type')?.split(';')[0]);
    gateway.admin.emit({ orderId, customerId: 'alice', status: 'PAID', reason: null, totalCents: 498_00, currency: 'USD', version: 3, createdAt: '2025-01-01T00:00:00.000Z', at: '2025-01-01T00:00:05.000Z' });
    const decoder = new TextDecoder();
    let stream = '';
    for await (const chunk of response.body!) {
      stream += decoder.decode(chunk, { stream: true });
      if (/event: order\ndata: .*\n\n/.test(stream)) break;
    }
    abort.abort();
    const data = JSON.parse(/event: order\ndata: (.*)\n\n/.exec(stream)![1]!);
    expectValid(schemaAt('components', 'schemas', 'OrderChange'), data);
    expect(data).toMatchObject({ orderId, status: 'PAID', amount: 498 });
  });

  it('serves the console page as documented', async () => {
    const page = await expectDocumented('/console', '/console');
    expect(page.body).toMatch(/OmniFlow console/);
  });

  it.each<[string, string, Parameters<typeof gateway.call>[1]]>([
    ['/api/v1/orders', '/api/v1/orders', { method: 'POST', body: '{"items": [' }],
    ['/api/v1/orders', '/api/v1/orders', { method: 'POST', body: { items: ['Walkman'] } }],
    ['/api/v1/orders', '/api/v1/orders', { method: 'POST', body: 'items', headers: { 'content-type': 'text/plain' } }],
    ['/api/v1/orders', '/api/v1/orders', { method: 'POST', body: 'items=iPhone15', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['/api/v1/orders/%ZZ', '/api/v1/orders/{id}', {}],
    ['/api/v1/orders/%E0%A4%A/audit', '/api/v1/orders/{id}/audit', { method: 'POST', body: { action: 'APPROVE' } }],
    ['/api/v1/admin/topics/%/messages', '/api/v1/admin/topics/{topic}/messages', { as: { sub: 'otto', role: 'operator' } }],
    ['/console/%ZZ', '/console', {}],
    ['/api/v1/orders', '/api/v1/orders', {}],
    ['/api/v1/orders?customerId=bob', '/api/v1/orders', { as: { sub: 'alice', role: 'customer' } }],
    ['/api/v1/orders/not-a-uuid', '/api/v1/orders/{id}', {}],
    [`/api/v1/orders/${orderId}`, '/api/v1/orders/{id}', {}],
    [`/api/v1/orders/${orderId}/audit`, '/api/v1/orders/{id}/audit', { method: 'POST', body: { action: 'APPROVE' } }],
    [`/api/v1/orders/${orderId}/cancel`, '/api/v1/orders/{id}/cancel', { method: 'POST', body: { reason: 5 } }],
    [`/api/v1/orders/${orderId}/cancel`, '/api/v1/orders/{id}/cancel', { method: 'POST', as: { sub: 'otto', role: 'operator' } }],
    ['/api/v1/auth/login', '/api/v1/auth/login', { method: 'POST', body: { username: 'audrey', password: 'wrong' } }],
    ['/api/v1/auth/login', '/api/v1/auth/login', { method: 'POST', body: { username: 'audrey' } }],
    ['/api/v1/auth/login', '/api/v1/auth/login', { method: 'POST', body: 'username=audrey', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['/api/v1/admin/topics', '/api/v1/admin/topics', {}],
    ['/api/v1/admin/stock', '/api/v1/admin/stock', { as: { sub: 'alice', role: 'customer' } }],
    ['/api/v1/admin/stock?sku=bad%20sku', '/api/v1/admin/stock', { as: { sub: 'otto', role: 'operator' } }],
    ['/api/v1/admin/topics/secrets/messages', '/api/v1/admin/topics/{topic}/messages', { as: { sub: 'otto', role: 'operator' } }],
    ['/api/v1/admin/topics/test.dead-letters/messages?limit=0', '/api/v1/admin/topics/{topic}/messages', { as: { sub: 'otto', role: 'operator' } }],
    ['/api/v1/admin/topics/test.dead-letters/messages/0/99', '/api/v1/admin/topics/{topic}/messages/{partition}/{offset}', { as: { sub: 'otto', role: 'operator' } }],
    ['/api/v1/admin/events', '/api/v1/admin/events', { as: { sub: 'alice', role: 'customer' } }],
    ['/console/missing.js', '/console', {}],
  ])('refuses %s (%j) with a documented error', async (path, template, call) => {
    const response = await expectDocumented(path, template, call);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('answers health and serves this document', async () => {
    await expectDocumented('/health/live', '/health/live');
    await expectDocumented('/health/ready', '/health/ready');
    const served = await expectDocumented('/api/v1/openapi.json', '/api/v1/openapi.json');
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });
});

/**
 * The README's curl examples call documented operations with bodies the document accepts, so the two cannot
 * drift apart unnoticed. `<orderId>` and the like stand for path parameters.
 */
describe('README examples', () => {
  const readme = readFileSync(resolve(__dirname, '../../../../README.md'), 'utf8').replace(/\\\n\s*/g, ' ');
  const examples = [...readme.matchAll(/curl ([^\n]*localhost:\d+[^\n]*)/g)].map(([, args]) => ({
    method: /-X ?(\w+)/.exec(args!)?.[1] ?? 'GET',
    path: /localhost:\d+(\/[^\s'"?]*)/.exec(args!)?.[1],
    body: /-d '([^']*)'/.exec(args!)?.[1],
  }));
  const templateOf = (path: string) =>
    Object.keys(openApiDocument.paths).find((template) => new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));

  it('finds the examples', () => {
    expect(examples.filter((example) => example.body !== undefined).length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('$method $path is a documented operation and its body is valid', ({ method, path, body }) => {
    const template = templateOf(path!);
    expect({ method, path, template }).toMatchObject({ template: expect.any(String) });
    const operation = operationOf(template!, method)!;
    expect(operation).toBeDefined();
    if (body === undefined) return;
    expectValid(schemaAt('paths', template!, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'), JSON.parse(body));
  });
});
