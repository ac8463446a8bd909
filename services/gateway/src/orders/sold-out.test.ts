import { serveGateway } from '../testing/gateway';

const gateway = serveGateway();
const place = (items: unknown[], headers: Record<string, string> = {}) =>
  gateway.call('/api/v1/orders', { method: 'POST', body: { items }, headers });

describe('an order for a SKU the gateway knows to be sold out', () => {
  it('is refused 409 sold_out at once, and no workflow is started', async () => {
    gateway.availability.soldOutSkus.add('iPhone15');
    const response = await place(['iPhone15']);
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ error: { code: 'sold_out', message: 'sold out: iPhone15' } });
    expect(gateway.orders.starts).toHaveLength(0);
  });

  it('is refused when any one of its SKUs is sold out, naming it', async () => {
    gateway.availability.soldOutSkus.add('MacPro');
    const response = await place(['iPhone15', { sku: 'MacPro', qty: 2 }]);
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({ code: 'sold_out', message: 'sold out: MacPro' });
    expect(gateway.orders.starts).toHaveLength(0);
  });

  it('is counted per SKU in /metrics', async () => {
    gateway.availability.soldOutSkus.add('iPhone15');
    await place(['iPhone15']);
    await place(['iPhone15']);
    const metrics = await gateway.call('/metrics');
    expect(metrics.body).toMatch(/^omniflow_gateway_sold_out_refusals_total\{sku="iPhone15",service="gateway"\} 2$/m);
    expect(metrics.body).toMatch(/^omniflow_gateway_availability_trusted\{service="gateway"\} 1$/m);
  });

  it('is refused before it is priced: no catalog read, so a wrong amount or an unknown SKU beside it is never looked at', async () => {
    gateway.availability.soldOutSkus.add('iPhone15');
    expect((await place(['iPhone15', 'Walkman'])).body.error.code).toBe('sold_out');
    const wrongAmount = await gateway.call('/api/v1/orders', { method: 'POST', body: { amount: 1, items: ['iPhone15'] } });
    expect(wrongAmount.body.error.code).toBe('sold_out');
    // Without the sold-out SKU, the same mistakes are answered as ever.
    expect((await place(['Walkman'])).status).toBe(422);
  });

  it('with a new Idempotency-Key is refused too, starting nothing', async () => {
    gateway.availability.soldOutSkus.add('iPhone15');
    expect((await place(['iPhone15'], { 'idempotency-key': 'new-key' })).status).toBe(409);
    expect(gateway.orders.starts).toHaveLength(0);
  });

  it('retried with the Idempotency-Key of an order placed before the sell-out gets that order, not a refusal', async () => {
    const first = await place(['iPhone15'], { 'idempotency-key': 'bought-the-last-one' });
    expect(first.status).toBe(202);
    gateway.availability.soldOutSkus.add('iPhone15');
    const retry = await place(['iPhone15'], { 'idempotency-key': 'bought-the-last-one' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.orderId).toBe(first.body.orderId);
    expect(gateway.orders.starts).toHaveLength(1);
  });
});

it('an order for SKUs not known to be sold out starts its workflow as before', async () => {
  gateway.availability.soldOutSkus.add('MacPro');
  expect((await place(['iPhone15'])).status).toBe(202);
  expect(gateway.orders.starts).toHaveLength(1);
});
