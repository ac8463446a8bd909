import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod/v4';
import { loadConfig } from './config';

export { SpanKind, type Span };

export const tracingConfig = {
  /**
   * An OTLP/HTTP collector (e.g. http://127.0.0.1:4318): spans are exported there. Unset, nothing is exported,
   * but trace ids are still made, propagated and logged, so one order's lines can be found in every log.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be an http(s) URL, e.g. http://127.0.0.1:4318')
    .optional(),
};

export interface Tracing {
  /** Where finished spans go; the orchestrator hands it the spans its workflows make in Temporal's sandbox too. */
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Whether spans go anywhere (an OTLP endpoint is set): without it, making spans is work nobody reads. */
  exportsSpans: boolean;
  /** Flushes spans not yet exported. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /**
   * Carry the active span across awaits (AsyncLocalStorage): needed where a library reads the trace from the
   * active context (Temporal's client and activity interceptors, and through them the commands an activity
   * sends) and for the logger's traceId mixin. On Node 20 it puts a hook on every promise in the process, about
   * 1 ms per command on a participant's hot path (`npm run bench -- roundtrip`), so participants, which hand
   * their span on explicitly, run without it.
   */
  asyncContext: boolean;
}

/**
 * Registers this process's tracer: W3C trace context (`traceparent`), the active span carried across awaits when
 * asked, and the OTLP exporter when one is configured.
 */
export function startTracing(service: string, { asyncContext }: TracingOptions, env: NodeJS.ProcessEnv = process.env): Tracing {
  const { OTEL_EXPORTER_OTLP_ENDPOINT } = loadConfig(tracingConfig, env);
  const resource = new Resource({ 'service.name': service });
  // The exporter reads OTEL_EXPORTER_OTLP_* itself (endpoint, headers, timeout).
  const spanProcessor = OTEL_EXPORTER_OTLP_ENDPOINT ? new BatchSpanProcessor(new OTLPTraceExporter()) : new NoopSpanProcessor();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({
    contextManager: asyncContext ? new AsyncLocalStorageContextManager().enable() : undefined,
    propagator: new W3CTraceContextPropagator(),
  });
  return { spanProcessor, resource, exportsSpans: OTEL_EXPORTER_OTLP_ENDPOINT !== undefined, shutdown: () => provider.shutdown() };
}

/**
 * Runs `work` in a new span that continues the trace the carrier (Kafka or HTTP headers) brings, or starts a
 * trace when it brings none; the span is the active one inside `work` where the process has an async context.
 * The span ends when `work` settles, marked as an error if it threw.
 */
export function inSpan<T>(name: string, kind: SpanKind, carrier: Record<string, unknown>, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, carrier);
  return trace.getTracer('omniflow').startActiveSpan(name, { kind }, parent, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * A span continuing the trace the carrier brings (or a new trace), for work that does not fit one callback: each
 * command of a batch has its own, ended by the caller with `endSpan`. It is never the active span.
 */
export function startSpan(name: string, kind: SpanKind, carrier: Record<string, unknown>): Span {
  return trace.getTracer('omniflow').startSpan(name, { kind }, propagation.extract(ROOT_CONTEXT, carrier));
}

/** The active trace context as a W3C `traceparent`, for a message about to be sent; undefined outside a trace. */
export function activeTraceparent(): string | undefined {
  return traceparentIn(context.active());
}

/** A span's context as a W3C `traceparent`, for a message sent on its behalf. */
export function traceparentOf(span: Span): string | undefined {
  return traceparentIn(trace.setSpan(ROOT_CONTEXT, span));
}

function traceparentIn(traceContext: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(traceContext, carrier);
  return carrier.traceparent;
}

/** The active span's ids, for log lines (the logger's mixin); empty outside a trace or without an async context. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  return span ? traceIdsOf(span) : {};
}

/** A span's ids, to bind to a child logger where no async context carries them. */
export function traceIdsOf(span: Span): { traceId?: string; spanId?: string } {
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
