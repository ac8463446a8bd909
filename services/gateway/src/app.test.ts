import { POLICY, serveGateway } from './testing/gateway';

const gateway = serveGateway();
const post = (body: string, contentType = 'application/json') =>
  gateway.call('/api/v1/orders', { method: 'POST', body, headers: { 'content-type': contentType } });

const address = { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

describe('POST /api/v1/orders', () => {
  it('accepts the README order, prices it from the catalog and starts its workflow under the policy', async () => {
    const before = Date.now();
    const response = await post(JSON.stringify({ amount: 500, items: ['iPhone15'] }));
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ status: 'PENDING', amount: 500, currency: 'USD' });
    const { orderId } = response.body;
    expect(response.headers.get('location')).toBe(`/api/v1/orders/${orderId}`);
    expect(gateway.orders.starts.map((start) => start.input)).toEqual([
      {
        orderId,
        customerId: 'guest',
        currency: 'USD',
        totalCents: 500_00,
        lines: [{ sku: 'iPhone15', quantity: 1, unitPriceCents: 500_00 }],
        shippingAddress: null,
        policy: POLICY,
        placedAt: expect.any(String),
      },
    ]);
    // Stamped by the gateway when it accepted the order: the PENDING entry of the order's timeline.
    const placedAt = Date.parse(gateway.orders.starts[0]!.input.placedAt!);
    expect(placedAt).toBeGreaterThanOrEqual(before);
    expect(placedAt).toBeLessThanOrEqual(Date.now());
  });

  it('prices the full item shape, adding up repeated SKUs, with no amount given', async () => {
    const response = await post(JSON.stringify({ items: [{ sku: 'iPhone15', qty: 2 }, 'iPhone15', 'MacPro'] }));
    expect(response.status).toBe(202);
    expect(gateway.orders.starts[0]?.input).toMatchObject({
      totalCents: 3 * 500_00 + 20_000_00,
      lines: [
        { sku: 'iPhone15', quantity: 3 },
        { sku: 'MacPro', quantity: 1 },
      ],
    });
  });

  it('passes the shipping address on, trimmed, with a missing line2 as null', async () => {
    const response = await post(JSON.stringify({ items: ['iPhone15'], shippingAddress: { ...address, name: '  Ada Lovelace ' } }));
    expect(response.status).toBe(202);
    expect(gateway.orders.starts[0]?.input.shippingAddress).toEqual({ ...address, line2: null });
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
    { name: 'form fields', body: 'items=iPhone15', status: 400, code: 'invalid_json', contentType: 'application/x-www-form-urlencoded' },
    { name: 'a body that is not JSON', body: 'items=iPhone15', status: 415, code: 'unsupported_media_type', contentType: 'text/plain' },
  ])('answers $name with $status and starts nothing', async ({ body, status, code, contentType }) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(gateway.orders.starts).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['an address that is not an object', 'Baker Street 221b'],
    ['a blank name', { ...address, name: '   ' }],
    ['a missing city', { ...address, city: undefined }],
    ['a line1 over 200 characters', { ...address, line1: 'x'.repeat(201) }],
    ['an empty line2', { ...address, line2: '' }],
    ['a line break in a line', { ...address, line1: '12 St James Sq\nSHIP ELSEWHERE' }],
    ['a postal code over 16 characters', { ...address, postalCode: '1'.repeat(17) }],
    ['a lowercase country', { ...address, country: 'gb' }],
    ['a three-letter country', { ...address, country: 'GBR' }],
    ['an unknown address field', { ...address, floor: 3 }],
  ])('refuses %s with 400 invalid_request naming the field, starting nothing', async (_name, shippingAddress) => {
    const response = await post(JSON.stringify({ items: ['iPhone15'], shippingAddress }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('shippingAddress') });
    expect(gateway.orders.starts).toEqual([]);
  });
});

describe('GET /api/v1/orders/:id', () => {
  it('returns a placed order', async () => {
    const { orderId } = (await post('{"items": ["iPhone15"]}')).body;
    const response = await gateway.call(`/api/v1/orders/${orderId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ orderId, status: 'PENDING', amount: 500, items: [{ sku: 'iPhone15', qty: 1, unitPrice: 500 }] });
  });

  it('presents money in major units, shipments and the timeline with their reasons', async () => {
    const order = gateway.orders.seed('7d1c1a8e-3f0b-4c55-9a6e-0f3f9b0c2d11', 'guest', 'PARTIALLY_SHIPPED');
    gateway.orders.orders.set(order.orderId, {
      ...order,
      shippingAddress: { ...address, line2: null },
      chargedCents: 500_00,
      refundedCents: 249_00,
      shipments: [{ warehouseId: 'WH-WEST', status: 'FAILED', shipmentId: null, trackingNumber: null, reason: 'no carrier', refundedCents: 249_00 }],
      timeline: [{ status: 'PARTIALLY_SHIPPED', at: '2025-01-01T00:00:00.000Z', reason: 'WH-WEST: no carrier' }],
    });
    const response = await gateway.call(`/api/v1/orders/${order.orderId}`);
    expect(response.body).toMatchObject({
      shippingAddress: { ...address, line2: null },
      chargedAmount: 500,
      refundedAmount: 249,
      shipments: [{ warehouseId: 'WH-WEST', status: 'FAILED', shipmentId: null, trackingNumber: null, reason: 'no carrier', refundedAmount: 249 }],
      review: null,
      timeline: [{ status: 'PARTIALLY_SHIPPED', at: '2025-01-01T00:00:00.000Z', reason: 'WH-WEST: no carrier' }],
    });
  });

  it('is 404 for an unknown order and 400 for something that is not an order id', async () => {
    const unknown = await gateway.call('/api/v1/orders/7d1c1a8e-3f0b-4c55-9a6e-0f3f9b0c2d11');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('order_not_found');
    const invalid = await gateway.call('/api/v1/orders/..%2F..%2Fetc');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalid_order_id');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await gateway.call('/api/v2/anything');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
