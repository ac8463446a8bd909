import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process: its own metrics and Node's default process metrics, each labelled with the service. */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** What GET /metrics answers: the process's registry, then the text of another exporter in the process, if any. */
export interface MetricsSource {
  registry: Registry;
  /** Prometheus text of its own, appended as it is (the orchestrator's Temporal SDK metrics). */
  append?: () => Promise<string>;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export async function metricsText({ registry, append }: MetricsSource): Promise<string> {
  const own = await registry.metrics();
  return append ? `${own}\n${await append()}` : own;
}

/** Buckets in seconds for work that takes milliseconds normally and seconds when something waits or retries. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
