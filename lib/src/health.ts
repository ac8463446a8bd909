import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import type { Logger } from './logger';

/** One dependency a process needs to do its work; resolves when the dependency answers. */
export type HealthCheck = () => Promise<unknown>;

export interface Readiness {
  ready: boolean;
  /** Per dependency: `ok`, or why it is not. */
  checks: Record<string, string>;
}

export const healthConfig = {
  /** Where GET /health/live and /health/ready answer; unset, the process serves no health endpoint. */
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HEALTH_HOST: z.string().default('127.0.0.1'),
};

/** Long enough for a healthy round trip under load, short enough for an orchestrator's probe. */
const CHECK_TIMEOUT_MS = 2_000;

/** Runs every check at once, each bounded by a time-out; never throws. */
export async function checkReadiness(checks: Record<string, HealthCheck>): Promise<Readiness> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, string]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, 'ok'];
      } catch (err) {
        return [name, (err as Error).message || String(err)];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: results.every(([, result]) => result === 'ok'), checks: Object.fromEntries(results) };
}

/**
 * A read-only JSON endpoint a process serves beside its health (e.g. inventory's `GET /stock` for the
 * gateway's console). It answers the body to send, or throws a RouteError for a client's mistake.
 */
export type ReadRoute = (query: URLSearchParams) => Promise<unknown>;

export class RouteError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Serves liveness (`/health/live`: the process answers) and readiness (`/health/ready`: 200 when every
 * dependency answers, else 503 naming what does not) for processes that have no HTTP server of their own,
 * and any read routes the process adds, by path.
 */
export async function startHealthServer(
  port: number,
  host: string,
  checks: Record<string, HealthCheck>,
  logger: Logger,
  routes: Record<string, ReadRoute> = {},
): Promise<Server> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { error: { code: 'method_not_allowed', message: 'GET only' } });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health/live') return reply(200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      void checkReadiness(checks).then((readiness) => reply(readiness.ready ? 200 : 503, readiness));
      return;
    }
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (route) {
      route(url.searchParams).then(
        (body) => reply(200, body),
        (err: unknown) => {
          if (err instanceof RouteError) return reply(err.status, { error: { code: err.code, message: err.message } });
          logger.error({ err, path: url.pathname }, 'request failed');
          reply(500, { error: { code: 'internal_error', message: 'internal error' } });
        },
      );
      return;
    }
    reply(404, { error: { code: 'not_found', message: `no route for ${url.pathname}` } });
  });
  server.listen(port, host);
  await once(server, 'listening');
  logger.info({ url: `http://${host}:${port}/health/ready` }, 'health endpoint listening');
  return server;
}

/**
 * Serves health (and `routes`) on HEALTH_PORT when it is set, else does nothing and connects nothing. With
 * `kafka`, a `kafka` check is added on an admin client of its own, connected only for this. Returns what
 * stops it all.
 */
export async function serveHealth(
  config: { HEALTH_PORT?: number; HEALTH_HOST: string },
  checks: Record<string, HealthCheck>,
  kafka: Kafka | undefined,
  logger: Logger,
  routes: Record<string, ReadRoute> = {},
): Promise<() => Promise<void>> {
  if (config.HEALTH_PORT === undefined) return async () => undefined;
  const admin = kafka?.admin();
  await admin?.connect();
  const allChecks = admin ? { ...checks, kafka: () => admin.describeCluster() } : checks;
  const server = await startHealthServer(config.HEALTH_PORT, config.HEALTH_HOST, allChecks, logger, routes);
  return async () => {
    server.close();
    await admin?.disconnect();
  };
}
