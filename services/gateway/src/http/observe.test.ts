import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions, startTracing } from '@omniflow/lib';
import { createApp } from '../app';
import { fakeAppDeps } from '../testing/gateway';
import { gatewayMetrics, type GatewayMetrics } from './observe';

const tracing = startTracing('gateway-test', { asyncContext: true }, {});
afterAll(() => tracing.shutdown());

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const incoming = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

let server: Server;
let base: string;
let lines: Record<string, any>[];
let metrics: GatewayMetrics;

beforeEach(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  metrics = gatewayMetrics();
  server = createApp(fakeAppDeps(), pino(loggerOptions('gateway'), sink), {}, metrics).listen(0, '127.0.0.1');
  await new Promise((ready) => server.once('listening', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  server.closeAllConnections();
  return new Promise((done) => server.close(done));
});

const placeOrder = (headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ amount: 500, items: ['iPhone15'] }),
  });

/** A metric's series as [series name, labels, value], from the registry /metrics serves. */
async function samples(name: string): Promise<[string, Record<string, unknown>, number][]> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  const values = (metric?.values ?? []) as { labels: Record<string, unknown>; value: number; metricName?: string }[];
  return values.map(({ labels, value, metricName }) => [metricName ?? name, labels, value]);
}

/** The access log line of a request is written when its response closes, just after the client has it. */
async function requestLine(route: string): Promise<Record<string, any>> {
  for (;;) {
    const line = lines.find((entry) => entry.msg === 'request' && entry.route === route);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it("continues the caller's trace, names it in the response, and logs the order's line with it", async () => {
  const response = await placeOrder({ traceparent: incoming });
  expect(response.status).toBe(202);
  const { orderId } = (await response.json()) as { orderId: string };
  expect(response.headers.get('x-trace-id')).toBe(TRACE_ID);
  expect(response.headers.get('traceparent')).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
  expect(await requestLine('/api/v1/orders')).toMatchObject({
    service: 'gateway',
    method: 'POST',
    status: 202,
    orderId,
    workflowId: `order-${orderId}`,
    traceId: TRACE_ID,
  });
});

it('starts a new trace for a request that brings none', async () => {
  const [first, second] = [await placeOrder(), await placeOrder()];
  const ids = [first.headers.get('x-trace-id'), second.headers.get('x-trace-id')];
  expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(ids[1]).toMatch(/^[0-9a-f]{32}$/);
  expect(ids[0]).not.toBe(ids[1]);
});

it('serves /metrics: requests by route pattern (never the id), and orders placed', async () => {
  const { orderId } = (await (await placeOrder({ 'idempotency-key': 'k-1' })).json()) as { orderId: string };
  expect((await placeOrder({ 'idempotency-key': 'k-1' })).status).toBe(200);
  expect((await fetch(`${base}/api/v1/orders/${orderId}`)).status).toBe(200);
  expect((await fetch(`${base}/no/such/route`)).status).toBe(404);
  await requestLine('unmatched');

  const scrape = await fetch(`${base}/metrics`);
  expect(scrape.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await scrape.text();
  expect(text).not.toContain(orderId);
  // Node's own process metrics, as on every process.
  expect(text).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} /m);
  const requests = await samples('omniflow_http_request_duration_seconds');
  expect(requests).toEqual(
    expect.arrayContaining([
      ['omniflow_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/orders', status: '202', service: 'gateway' }, 1],
      ['omniflow_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/orders', status: '200', service: 'gateway' }, 1],
      ['omniflow_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/orders/:id', status: '200', service: 'gateway' }, 1],
      ['omniflow_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404', service: 'gateway' }, 1],
    ]),
  );
  expect(await samples('omniflow_orders_placed_total')).toEqual([
    ['omniflow_orders_placed_total', { outcome: 'started', service: 'gateway' }, 1],
    ['omniflow_orders_placed_total', { outcome: 'replayed', service: 'gateway' }, 1],
  ]);
});

it('keeps probes and scrapes out of the info log', async () => {
  await fetch(`${base}/health/live`);
  await fetch(`${base}/metrics`);
  await placeOrder();
  await requestLine('/api/v1/orders');
  expect(lines.filter((line) => line.msg === 'request').map((line) => line.route)).toEqual(['/api/v1/orders']);
});
