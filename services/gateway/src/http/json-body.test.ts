import { CONSOLE_PASSWORD, serveGateway, type Call } from '../testing/gateway';

/**
 * Every route that takes a JSON body reads it as application/json, labelled form-encoded (what `curl -d`
 * sends, as the original seed's README posts orders) or not labelled at all; a body that is not JSON is
 * refused, and nothing is started or changed.
 */
const gateway = serveGateway();
const ORDER = '5b0c1f3e-8a1d-4c2b-9f00-0123456789ab';
const FORM = 'application/x-www-form-urlencoded';

interface JsonRoute {
  name: string;
  path: string;
  as?: Call['as'];
  /** The seed's own bodies, byte for byte, where the seed had the route. */
  json: string;
  accepted: number;
  /** What the route sent to the back ends; a login sends nothing anywhere (its 200 shows the body was read). */
  effects?: () => unknown[];
  arrange?: () => void;
}

const routes: JsonRoute[] = [
  { name: 'placing an order', path: '/api/v1/orders', json: '{"amount": 500, "items": ["iPhone15"]}', accepted: 202, effects: () => gateway.orders.starts },
  {
    name: 'an audit',
    path: `/api/v1/orders/${ORDER}/audit`,
    as: { sub: 'audrey', role: 'auditor' },
    json: '{"action": "REJECT"}',
    accepted: 200,
    effects: () => gateway.orders.updates,
    arrange: () => gateway.orders.seed(ORDER, 'guest', 'PENDING_REVIEW'),
  },
  {
    name: 'a cancel',
    path: `/api/v1/orders/${ORDER}/cancel`,
    json: '{"reason": "changed my mind"}',
    accepted: 200,
    effects: () => gateway.orders.updates,
    arrange: () => gateway.orders.seed(ORDER, 'guest'),
  },
  { name: 'a login', path: '/api/v1/auth/login', json: JSON.stringify({ username: 'audrey', password: CONSOLE_PASSWORD }), accepted: 200 },
];

const send = (route: JsonRoute, body: string | Uint8Array, headers: Record<string, string> = {}) => {
  route.arrange?.();
  return gateway.call(route.path, { method: 'POST', as: route.as, body, headers });
};

describe.each(routes)('$name', (route) => {
  it.each<[string, Record<string, string>]>([
    ['labelled form-encoded', { 'content-type': FORM }],
    ['labelled form-encoded with a charset', { 'content-type': `${FORM}; charset=utf-8` }],
    ['not labelled', {}],
  ])('reads a JSON body %s', async (_label, headers) => {
    const response = await send(route, Buffer.from(route.json), headers);
    expect([response.status, response.body.error]).toEqual([route.accepted, undefined]);
    if (route.effects) expect(route.effects()).toHaveLength(1);
  });

  it.each<[string, string | Uint8Array, Record<string, string>, number, string]>([
    ['form fields labelled form-encoded', 'action=REJECT&items=iPhone15', { 'content-type': FORM }, 400, 'invalid_json'],
    ['cut-off JSON labelled form-encoded', '{"items": [', { 'content-type': FORM }, 400, 'invalid_json'],
    ['form fields not labelled', Buffer.from('action=REJECT&items=iPhone15'), {}, 400, 'invalid_json'],
    ['JSON labelled text/plain', '{"items": ["iPhone15"]}', { 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['a multipart form', '--x\r\n\r\n{}\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }, 415, 'unsupported_media_type'],
    ['a form body over the size limit', `{"pad": "${'x'.repeat(20_000)}"}`, { 'content-type': FORM }, 413, 'payload_too_large'],
  ])('refuses %s, changing nothing', async (_name, body, headers, status, code) => {
    const response = await send(route, body, headers);
    expect([response.status, response.body.error]).toEqual([status, { code, message: expect.any(String) }]);
    expect(route.effects?.() ?? []).toEqual([]);
  });
});
