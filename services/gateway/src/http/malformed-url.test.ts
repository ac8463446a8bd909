import { CONSOLE_PASSWORD, serveGateway, type Call } from '../testing/gateway';

const gateway = serveGateway();
const auditor = { sub: 'audrey', role: 'auditor' } as const;
const operator = { sub: 'otto', role: 'operator' } as const;

/** Percent-encodings that are not valid UTF-8: bad hex, a lone or cut-off `%`, an overlong form, a surrogate. */
const MALFORMED = ['%ZZ', '%', '%E0%A4%A', '%G1', '%FF', '%C0%AF', '%ED%A0%80'];

/** A path of every route family, `{bad}` where the malformed part goes, sent as a client that means it would. */
const routes: [string, string, Call][] = [
  ['GET', '/api/v1/orders/{bad}', {}],
  ['DELETE', '/api/v1/orders/{bad}', {}],
  ['POST', '/api/v1/orders/{bad}', { body: { items: ['iPhone15'] } }],
  ['POST', '/api/v1/orders{bad}', { body: { items: ['iPhone15'] } }],
  ['POST', '/api/v1/orders/{bad}/audit', { as: auditor, body: { action: 'REJECT' } }],
  ['POST', '/api/v1/orders/{bad}/cancel', { body: { reason: 'changed my mind' } }],
  ['GET', '/api/v1/admin/topics/{bad}/messages', { as: operator }],
  ['GET', '/api/v1/admin/topics/test.dead-letters/messages/0/{bad}', { as: operator }],
  ['GET', '/api/v1/admin/stock/{bad}', { as: operator }],
  ['GET', '/api/v1/admin/events/{bad}', { as: operator }],
  ['POST', '/api/v1/auth/login/{bad}', { body: { username: 'audrey', password: CONSOLE_PASSWORD } }],
  ['GET', '/console/{bad}', {}],
  ['GET', '/console/assets/{bad}', {}],
  ['GET', '/api/v1/openapi.json/{bad}', {}],
  ['GET', '/health/{bad}', {}],
  ['GET', '/metrics{bad}', {}],
  ['GET', '/{bad}', {}],
];

it.each(routes)('answers %s %s with a malformed encoding 400 invalid_url, calling nothing', async (method, template, call) => {
  for (const bad of MALFORMED) {
    const path = template.replace('{bad}', bad);
    const response = await gateway.call(path, { ...call, method });
    expect({ path, status: response.status, body: response.body }).toEqual({
      path,
      status: 400,
      body: { error: { code: 'invalid_url', message: expect.any(String) } },
    });
  }
  expect([gateway.orders.starts, gateway.orders.updates, gateway.orders.listings]).toEqual([[], [], []]);
  expect([gateway.admin.reads, gateway.admin.stockReads, gateway.admin.subscriberCount]).toEqual([[], [], 0]);
});

it('still reads a well-formed percent-encoded path (an encoded slash in an id is an invalid id, not a bad URL)', async () => {
  const response = await gateway.call('/api/v1/orders/..%2F..%2Fetc');
  expect([response.status, response.body.error.code]).toEqual([400, 'invalid_order_id']);
  expect((await gateway.call('/console/%69ndex.html')).status).toBe(200);
});
