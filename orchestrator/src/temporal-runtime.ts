import { once } from 'node:events';
import { createServer } from 'node:net';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { orderIdOfWorkflow } from '@omniflow/contracts/orders';
import type { Logger } from '@omniflow/lib';

/** How long a /metrics scrape waits for the SDK's exporter, which answers from memory on loopback. */
const SDK_METRICS_DEADLINE_MS = 1_500;

/**
 * Installs the Temporal SDK's runtime before any connection is made: its log lines go through pino (so the worker's
 * log is JSON throughout, with the orderId of the workflow a line is about), and its own metrics (workflow and
 * activity task latencies, schedule-to-start, pollers, sticky cache, …) go to a Prometheus exporter bound to a
 * free loopback port. Returns what fetches that exporter's text, which the orchestrator's /metrics appends: one
 * scrape target per process, and no extra port to configure or expose.
 */
export async function installTemporalRuntime(logger: Logger, level: LogLevel): Promise<() => Promise<string>> {
  const bindAddress = `127.0.0.1:${await freeLoopbackPort()}`;
  const sdkLog = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    // runService stops the worker in order on SIGTERM/SIGINT; the SDK must not start its own shutdown as well.
    shutdownSignals: [],
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const method = entryLevel.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
      const orderId = typeof meta?.workflowId === 'string' ? orderIdOfWorkflow(meta.workflowId) : undefined;
      sdkLog[method]({ ...meta, ...(orderId && { orderId }) }, message);
    }),
    telemetryOptions: {
      // Prometheus naming: counters end in _total, durations are seconds with the unit in the name.
      metrics: { prometheus: { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
    },
  });
  return async () => {
    try {
      const response = await fetch(`http://${bindAddress}/metrics`, { signal: AbortSignal.timeout(SDK_METRICS_DEADLINE_MS) });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return await response.text();
    } catch (err) {
      // The process's own metrics are still worth serving: say what is missing instead of failing the scrape.
      logger.warn({ err }, 'Temporal SDK metrics not available for this scrape');
      return `# Temporal SDK metrics unavailable: ${(err as Error).message}\n`;
    }
  };
}

/** A port nothing listens on now; the SDK binds it a moment later (the native exporter cannot report a port 0). */
async function freeLoopbackPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}
