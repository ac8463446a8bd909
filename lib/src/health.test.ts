import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Kafka } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { checkReadiness, serveHealth, startHealthServer } from './health';

const silent = pino({ level: 'silent' });

describe('readiness', () => {
  it('is ready only when every dependency answers, naming the ones that do not', async () => {
    const readiness = await checkReadiness({
      database: async () => 'fine',
      kafka: async () => {
        throw new Error('connection refused');
      },
      temporal: () => new Promise(() => undefined), // never answers
    });
    expect(readiness).toEqual({
      ready: false,
      checks: { database: 'ok', kafka: 'connection refused', temporal: 'no answer within 2000 ms' },
    });
    expect(await checkReadiness({ database: async () => undefined })).toEqual({ ready: true, checks: { database: 'ok' } });
  });

  it('is served over HTTP with the metrics: live always, ready as 200 or 503, /metrics as Prometheus text', async () => {
    let kafkaUp = false;
    const registry = new Registry();
    new Counter({ name: 'omniflow_test_things_total', help: 'things', registers: [registry] }).inc(3);
    const metrics = { registry, append: async () => '# from another exporter\ntemporal_test_total 7\n' };
    const server = await startHealthServer(0, '127.0.0.1', { kafka: async () => { if (!kafkaUp) throw new Error('down'); } }, metrics, silent);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const down = await fetch(`${base}/health/ready`);
      expect([down.status, await down.json()]).toEqual([503, { ready: false, checks: { kafka: 'down' } }]);
      kafkaUp = true;
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);
      const scrape = await fetch(`${base}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await scrape.text();
      expect(text).toMatch(/^omniflow_test_things_total 3$/m);
      expect(text).toMatch(/^temporal_test_total 7$/m);
      expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

it('serves nothing and connects nothing to Kafka when HEALTH_PORT is unset', async () => {
  const admin = jest.fn();
  const stop = await serveHealth(
    { HEALTH_HOST: '127.0.0.1' },
    { checks: {}, metrics: { registry: new Registry() }, kafka: { client: { admin } as unknown as Kafka, groups: [] } },
    silent,
  );
  await stop();
  expect(admin).not.toHaveBeenCalled();
});

it("hands every request but health's to the process's own API, and answers 404 without one", async () => {
  const api = (req: IncomingMessage, res: ServerResponse) => res.writeHead(418).end(`${req.method} ${req.url}`);
  const withApi = await startHealthServer(0, '127.0.0.1', {}, { registry: new Registry() }, silent, api);
  const without = await startHealthServer(0, '127.0.0.1', {}, { registry: new Registry() }, silent);
  const base = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const answer = await fetch(`${base(withApi)}/stock?sku=iPad`, { method: 'POST' });
    expect([answer.status, await answer.text()]).toEqual([418, 'POST /stock?sku=iPad']);
    expect((await fetch(`${base(withApi)}/health/live`)).status).toBe(200);
    expect((await fetch(`${base(withApi)}/metrics`, { method: 'POST' })).status).toBe(405);
    const missing = await fetch(`${base(without)}/stock`);
    expect([missing.status, await missing.json()]).toEqual([404, { error: { code: 'not_found', message: 'no route for /stock' } }]);
  } finally {
    withApi.close();
    without.close();
  }
});
