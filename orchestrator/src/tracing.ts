import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { WorkerOptions } from '@temporalio/worker';
import type { Tracing } from '@omniflow/lib';

/**
 * The worker's half of tracing: each activity runs in a span continuing its workflow's trace (so the command it
 * sends carries it on), and the spans workflows make in their sandbox are handed to the process's span processor.
 * The workflow half (its interceptors) is compiled into the workflow bundle: see bundle-workflows.ts.
 */
export function workerTracing({ spanProcessor, resource }: Tracing): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
  };
}
