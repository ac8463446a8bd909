import { Writable } from 'node:stream';
import pino from 'pino';
import { SpanKind, activeTraceIds, activeTraceparent, inSpan, startTracing, traceIdsOf, traceparentOf } from './tracing';
import { loggerOptions } from './logger';

const tracing = startTracing('tracing-test', { asyncContext: true }, {});
afterAll(() => tracing.shutdown());

const incoming = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];

it('continues the trace a message or request brings, in a span of its own', async () => {
  const seen = await inSpan('work', SpanKind.CONSUMER, { traceparent: incoming }, async () => activeTraceparent());
  expect(traceIdOf(seen)).toBe('0af7651916cd43dd8448eb211c80319c');
  // A new span of the same trace, not the caller's span passed on as it came.
  expect(seen).not.toBe(incoming);
  expect(seen).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
});

it('starts a trace when none comes, or the one that comes is malformed', async () => {
  for (const carrier of [{}, { traceparent: 'not-a-trace' }]) {
    const seen = await inSpan('work', SpanKind.SERVER, carrier, async () => activeTraceparent());
    expect(seen).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceIdOf(seen)).not.toBe('0'.repeat(32));
  }
});

it('keeps the span active across awaits, and nothing is active outside it', async () => {
  const ids = await inSpan('work', SpanKind.INTERNAL, { traceparent: incoming }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return activeTraceIds();
  });
  expect(ids.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  expect(activeTraceIds()).toEqual({});
  expect(activeTraceparent()).toBeUndefined();
});

it('names the same span explicitly as it does implicitly', async () => {
  await inSpan('work', SpanKind.CONSUMER, { traceparent: incoming }, async (span) => {
    expect(traceparentOf(span)).toBe(activeTraceparent());
    expect(traceIdsOf(span)).toEqual(activeTraceIds());
  });
});

it('passes a failure on, after ending the span', async () => {
  await expect(inSpan('work', SpanKind.INTERNAL, {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
});

it('puts the active trace id on every log line written inside the span, and none outside', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino(loggerOptions('tracing-test'), sink);
  await inSpan('work', SpanKind.CONSUMER, { traceparent: incoming }, async () => logger.child({ orderId: 'o-1' }).info('inside'));
  logger.info('outside');
  expect(lines[0]).toMatchObject({ msg: 'inside', orderId: 'o-1', traceId: '0af7651916cd43dd8448eb211c80319c' });
  expect(lines[1]).not.toHaveProperty('traceId');
});

it('says it exports no spans when no OTLP endpoint is set (the orchestrator then makes no workflow spans)', () => {
  expect(startTracing('x', { asyncContext: false }, {}).exportsSpans).toBe(false);
});

it('refuses an OTLP endpoint that is not a URL, at start-up', () => {
  expect(() => startTracing('x', { asyncContext: false }, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
});
