/**
 * Workflow interceptors for a worker whose spans go nowhere (no OTLP endpoint): the workflow passes on the trace
 * context its starter sent (the gateway's request), unchanged, to every activity and child workflow it starts,
 * so commands, replies and log lines still carry the order's trace id. It makes no spans of its own: the
 * OpenTelemetry interceptors (bundled instead when spans are exported, see bundle-workflows.ts) cost a quarter
 * of the engine's throughput, because every workflow task replays them with the whole history.
 *
 * Sandbox code. It only copies a header and never awaits, so the commands a workflow makes, and their order,
 * are the same with either bundle: a worker may switch between them with orders in flight.
 */
// Where the OpenTelemetry interceptors keep the trace context, which the activity side reads: their own constant.
import { TRACE_HEADER } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import type { Headers, WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => {
  let trace: Headers = {};
  const passOn = <I extends { headers: Headers }>(input: I): I => ({ ...input, headers: { ...input.headers, ...trace } });
  return {
    inbound: [
      {
        execute(input, next) {
          const context = input.headers[TRACE_HEADER];
          if (context) trace = { [TRACE_HEADER]: context };
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(passOn(input)),
        scheduleLocalActivity: (input, next) => next(passOn(input)),
        startChildWorkflowExecution: (input, next) => next(passOn(input)),
      },
    ],
  };
};
