import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, activeTraceIds, inSpan, startTracing, traceIdsOf, traceparentOf } from './tracing';

/** A collector's OTLP/HTTP endpoint on loopback, keeping what it is sent. */
async function collector() {
  const received: { url: string; body: string }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString() });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

it('exports spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set, flushing them at shutdown; ids handed on explicitly without an async context', async () => {
  const otlp = await collector();
  try {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url; // the exporter reads its endpoint from the environment
    // As a participant runs it: no async context, the span handed on explicitly.
    const tracing = startTracing('export-test', { asyncContext: false });
    expect(tracing.exportsSpans).toBe(true);
    const seen = await inSpan('handle ReserveStock', SpanKind.CONSUMER, {}, async (span) => ({
      ...traceIdsOf(span),
      traceparent: traceparentOf(span),
      active: activeTraceIds(),
    }));
    await tracing.shutdown();
    const { traceId, spanId } = seen;
    expect(seen.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(seen.active).toEqual({}); // nothing is carried implicitly: nothing costs a hook per promise
    expect(otlp.received.map(({ url }) => url)).toEqual(['/v1/traces']);
    const body = otlp.received[0]!.body;
    expect(body).toContain(traceId!);
    expect(body).toContain('handle ReserveStock');
    expect(body).toContain('export-test');
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    otlp.close();
  }
});
