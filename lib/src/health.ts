import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { Kafka } from 'kafkajs';
import { z } from 'zod/v4';
import { registerConsumerLag, type ConsumerGroupTopics } from './consumer-lag';
import { withinDeadline } from './deadline';
import type { Logger } from './logger';
import { METRICS_CONTENT_TYPE, metricsText, type MetricsSource } from './metrics';

/** One dependency a process needs to do its work; resolves when the dependency answers. */
export type HealthCheck = () => Promise<unknown>;

export interface Readiness {
  ready: boolean;
  /** Per dependency: `ok`, or why it is not. */
  checks: Record<string, string>;
}

export const healthConfig = {
  /** Where GET /health/live, /health/ready and /metrics answer; unset, the process serves no such endpoint. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HEALTH_HOST: z.string().default('127.0.0.1'),
};

/** Long enough for a healthy round trip under load, short enough for an orchestrator's probe. */
const CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once, each bounded by a time-out; never throws. */
export async function checkReadiness(checks: Record<string, HealthCheck>): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
      try {
        await withinDeadline(CHECK_TIMEOUT_MS, check());
        return [name, 'ok'];
      } catch (err) {
        return [name, (err as Error).message || String(err)];
      }
    }),
  );
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}

const HEALTH_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Serves liveness (`/health/live`: the process answers), readiness (`/health/ready`: 200 when every dependency
 * answers, else 503 naming what does not) and Prometheus metrics (`/metrics`) for processes that have no HTTP
 * server of their own. Every other request goes to `api`, the process's own HTTP API if it has one (inventory's),
 * so one port serves both.
 */
export async function startHealthServer(
  port: number,
  host: string,
  checks: Record<string, HealthCheck>,
  metrics: MetricsSource,
  logger: Logger,
  api?: RequestListener,
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!HEALTH_PATHS.has(url.pathname)) {
      if (api) return api(req, res);
      return reply(404, { error: { code: 'not_found', message: `no route for ${url.pathname}` } });
    }
    if (req.method !== 'GET') return reply(405, { error: { code: 'method_not_allowed', message: 'GET only' } });
    if (url.pathname === '/health/live') return reply(200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      void checkReadiness(checks).then((readiness) => reply(readiness.ready ? 200 : 503, readiness));
      return;
    }
    metricsText(metrics).then(
      (text) => {
        res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
        res.end(text);
      },
      (err: Error) => {
        logger.error({ err }, 'metrics could not be collected');
        reply(500, { error: { code: 'internal_error', message: 'metrics could not be collected' } });
      },
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  logger.info({ url: `http://${host}:${port}`, endpoints: ['/health/live', '/health/ready', '/metrics'] }, 'health and metrics endpoint listening');
  return server;
}

export interface HealthOptions {
  checks: Record<string, HealthCheck>;
  metrics: MetricsSource;
  /**
   * The process's Kafka client and its consumer groups: adds a `kafka` readiness check and the groups' lag
   * (`omniflow_consumer_lag`), both on an admin client of their own, connected only when the endpoint is served.
   */
  kafka?: { client: Kafka; groups: ConsumerGroupTopics[] };
}

/**
 * Serves health, metrics (and the process's own `api`) on HEALTH_PORT when it is set, else does nothing and connects nothing
 * (metrics are still counted, just not served). Returns what stops it all.
 */
export async function serveHealth(
  config: { HEALTH_PORT?: number; HEALTH_HOST: string },
  { checks, metrics, kafka }: HealthOptions,
  logger: Logger,
  api?: RequestListener,
): Promise<() => Promise<void>> {
  if (config.HEALTH_PORT === undefined) return async () => undefined;
  const admin = kafka?.client.admin();
  if (kafka && admin) {
    await admin.connect();
    registerConsumerLag(metrics.registry, admin, kafka.groups, logger);
  }
  const server = await startHealthServer(
    config.HEALTH_PORT,
    config.HEALTH_HOST,
    admin ? { ...checks, kafka: () => admin.describeCluster() } : checks,
    metrics,
    logger,
    api,
  );
  return async () => {
    server.close();
    await admin?.disconnect();
  };
}
